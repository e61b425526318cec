package dev.pipeline.api.wasm;

/**
 * A core value type: a one-byte code ({@code 0x7f} i32 … {@code 0x70} funcref), or a typed reference
 * ({@code 0x63}/{@code 0x64}) with its heap type.
 */
public record ValType(int code, long heapType) {
    public static final ValType I32 = new ValType(0x7f, 0);
    public static final ValType I64 = new ValType(0x7e, 0);
    public static final ValType F32 = new ValType(0x7d, 0);
    public static final ValType F64 = new ValType(0x7c, 0);
    public static final ValType V128 = new ValType(0x7b, 0);
    public static final ValType FUNCREF = new ValType(0x70, 0);
    public static final ValType EXTERNREF = new ValType(0x6f, 0);
    public static final ValType EXNREF = new ValType(0x69, 0);

    public static ValType of(int code) {
        return switch (code) {
            case 0x7f -> I32;
            case 0x7e -> I64;
            case 0x7d -> F32;
            case 0x7c -> F64;
            case 0x7b -> V128;
            case 0x70 -> FUNCREF;
            case 0x6f -> EXTERNREF;
            case 0x69 -> EXNREF;
            default -> new ValType(code, 0);
        };
    }

    public boolean isTypedRef() { return code == 0x63 || code == 0x64; }

    public static ValType read(WasmInput in) {
        int at = in.position();
        int code = in.u8();
        switch (code) {
            case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x69, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x71, 0x72, 0x73, 0x74 -> {
                return of(code);
            }
            case 0x63, 0x64 -> {
                return new ValType(code, in.signed(33));
            }
            default -> throw in.error(at, "unknown value type 0x" + Integer.toHexString(code));
        }
    }

    public void write(WasmOutput out) {
        out.u8(code);
        if (isTypedRef()) out.s64(heapType);
    }

    /** The text-format name ({@code i32}, {@code funcref}, …). */
    @Override
    public String toString() {
        return switch (code) {
            case 0x7f -> "i32";
            case 0x7e -> "i64";
            case 0x7d -> "f32";
            case 0x7c -> "f64";
            case 0x7b -> "v128";
            case 0x70 -> "funcref";
            case 0x6f -> "externref";
            case 0x69 -> "exnref";
            default -> isTypedRef() ? "(ref " + (code == 0x63 ? "null " : "") + heapType + ")"
                    : "valtype 0x" + Integer.toHexString(code);
        };
    }
}
