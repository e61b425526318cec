package dev.pipeline.api.wasm;

/** A global's value type and mutability. */
public record GlobalType(ValType type, boolean mutable) {
    public static GlobalType read(WasmInput in) {
        ValType t = ValType.read(in);
        int at = in.position();
        int m = in.u8();
        if (m > 1) throw in.error(at, "bad global mutability flag 0x" + Integer.toHexString(m));
        return new GlobalType(t, m == 1);
    }

    public void write(WasmOutput out) {
        type.write(out);
        out.u8(mutable ? 1 : 0);
    }
}
