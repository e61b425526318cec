package dev.pipeline.api.wasm;

/** A data segment: active (memory index and offset expression) or passive ({@code offset == null}). */
public record DataSegment(int flags, int memory, byte[] offset, byte[] data) {
    public static DataSegment active(int memory, byte[] offset, byte[] data) {
        return new DataSegment(memory == 0 ? 0 : 2, memory, offset, data);
    }

    public static DataSegment passive(byte[] data) {
        return new DataSegment(1, 0, null, data);
    }

    public boolean isActive() { return flags != 1; }

    public static DataSegment read(WasmInput in) {
        int at = in.position();
        int flags = in.u32();
        return switch (flags) {
            case 0 -> new DataSegment(0, 0, ConstExpr.read(in), in.bytes(in.count()));
            case 1 -> new DataSegment(1, 0, null, in.bytes(in.count()));
            case 2 -> {
                int mem = in.count();
                yield new DataSegment(2, mem, ConstExpr.read(in), in.bytes(in.count()));
            }
            default -> throw in.error(at, "unknown data segment flags " + Integer.toUnsignedString(flags));
        };
    }

    public void write(WasmOutput out) {
        out.u32(flags);
        if (flags == 2) out.u32(memory);
        if (flags != 1) out.bytes(offset);
        out.u32(data.length).bytes(data);
    }
}
