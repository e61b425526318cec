package dev.pipeline.api.wasm;

/**
 * Limits of a memory or table, with the original flags byte kept so that shared, 64-bit and custom-page-size
 * forms round-trip.
 */
public record Limits(int flags, long min, Long max, int pageSizeLog2) {
    public static Limits of(long min, Long max) {
        return new Limits(max == null ? 0 : 1, min, max, -1);
    }

    public boolean is64() { return (flags & 0x04) != 0; }

    public boolean shared() { return (flags & 0x02) != 0; }

    public static Limits read(WasmInput in) {
        int at = in.position();
        int flags = in.u8();
        if ((flags & ~0x0f) != 0) throw in.error(at, "unknown limits flags 0x" + Integer.toHexString(flags));
        boolean wide = (flags & 0x04) != 0;
        long min = wide ? in.u64() : in.u32() & 0xffffffffL;
        Long max = (flags & 0x01) != 0 ? Long.valueOf(wide ? in.u64() : in.u32() & 0xffffffffL) : null;
        int log2 = (flags & 0x08) != 0 ? in.count() : -1;
        return new Limits(flags, min, max, log2);
    }

    public void write(WasmOutput out) {
        out.u8(flags);
        out.u64(min);
        if (max != null) out.u64(max);
        if (pageSizeLog2 >= 0) out.u32(pageSizeLog2);
    }

    @Override
    public String toString() {
        return min + (max != null ? " " + max : "") + (shared() ? " shared" : "") + (is64() ? " i64" : "");
    }
}
