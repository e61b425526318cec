package dev.pipeline.api.wasm;

/** A table's element type and limits; {@code init} is the optional initialiser expression (typed function references). */
public record TableType(ValType element, Limits limits, byte[] init) {
    public static TableType of(ValType element, Limits limits) {
        return new TableType(element, limits, null);
    }

    public static TableType read(WasmInput in) {
        if (in.peekU8() == 0x40) {
            int at = in.position();
            in.u8();
            if (in.u8() != 0x00) throw in.error(at, "malformed table type with initialiser");
            ValType t = ValType.read(in);
            Limits l = Limits.read(in);
            return new TableType(t, l, ConstExpr.read(in));
        }
        ValType t = ValType.read(in);
        return new TableType(t, Limits.read(in), null);
    }

    public void write(WasmOutput out) {
        if (init != null) out.u8(0x40).u8(0x00);
        element.write(out);
        limits.write(out);
        if (init != null) out.bytes(init);
    }
}
