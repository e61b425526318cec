package dev.pipeline.api.wasm;

/** Constant expressions (global, segment and table initialisers) kept as raw bytes, with helpers to build common ones. */
public final class ConstExpr {
    private ConstExpr() {}

    /** Reads one expression up to and including its final {@code end}, checking every instruction on the way. */
    public static byte[] read(WasmInput in) {
        int start = in.position();
        InstructionReader r = new InstructionReader(in);
        while (true) {
            int op = r.next();
            if (op == Opcodes.END && r.depth() < 0) break;
            if (!r.isConstant(op)) {
                throw in.error(r.start(), "instruction " + Opcodes.name(op) + " is not allowed in a constant expression");
            }
        }
        int len = in.position() - start;
        in.seek(start);
        return in.bytes(len);
    }

    public static byte[] i32(int v) {
        return new WasmOutput(8).u8(Opcodes.I32_CONST).s32(v).u8(Opcodes.END).toByteArray();
    }

    public static byte[] i64(long v) {
        return new WasmOutput(12).u8(Opcodes.I64_CONST).s64(v).u8(Opcodes.END).toByteArray();
    }

    public static byte[] globalGet(int index) {
        return new WasmOutput(8).u8(Opcodes.GLOBAL_GET).u32(index).u8(Opcodes.END).toByteArray();
    }

    public static byte[] refFunc(int index) {
        return new WasmOutput(8).u8(Opcodes.REF_FUNC).u32(index).u8(Opcodes.END).toByteArray();
    }

    /** The value of an {@code i32.const N; end} expression, or null if the expression has another shape. */
    public static Integer asI32(byte[] expr) {
        if (expr.length < 2 || (expr[0] & 0xff) != Opcodes.I32_CONST) return null;
        WasmInput in = new WasmInput(expr, "expression");
        in.u8();
        int v = in.s32();
        return in.remaining() == 1 && in.u8() == Opcodes.END ? v : null;
    }
}
