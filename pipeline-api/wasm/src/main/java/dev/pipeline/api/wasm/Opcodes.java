package dev.pipeline.api.wasm;

/**
 * Core instruction opcodes used by this package. Prefixed instructions are combined as {@code prefix << 16 | sub}
 * (e.g. {@code memory.copy} is {@code 0xFC << 16 | 10}).
 */
public final class Opcodes {
    private Opcodes() {}

    public static final int UNREACHABLE = 0x00, NOP = 0x01, BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05,
            TRY = 0x06, CATCH = 0x07, THROW = 0x08, RETHROW = 0x09, THROW_REF = 0x0a, END = 0x0b, BR = 0x0c,
            BR_IF = 0x0d, BR_TABLE = 0x0e, RETURN = 0x0f, CALL = 0x10, CALL_INDIRECT = 0x11, RETURN_CALL = 0x12,
            RETURN_CALL_INDIRECT = 0x13, CALL_REF = 0x14, RETURN_CALL_REF = 0x15, DELEGATE = 0x18, CATCH_ALL = 0x19,
            DROP = 0x1a, SELECT = 0x1b, SELECT_T = 0x1c, TRY_TABLE = 0x1f, LOCAL_GET = 0x20, LOCAL_SET = 0x21,
            LOCAL_TEE = 0x22, GLOBAL_GET = 0x23, GLOBAL_SET = 0x24, TABLE_GET = 0x25, TABLE_SET = 0x26,
            I32_LOAD = 0x28, I64_LOAD = 0x29, F32_LOAD = 0x2a, F64_LOAD = 0x2b, I32_STORE = 0x36, I64_STORE = 0x37,
            MEMORY_SIZE = 0x3f, MEMORY_GROW = 0x40, I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43,
            F64_CONST = 0x44, I32_EQ = 0x46, I32_ADD = 0x6a, I32_SUB = 0x6b, I64_ADD = 0x7c, I64_SUB = 0x7d,
            I64_MUL = 0x7e,
            REF_NULL = 0xd0, REF_IS_NULL = 0xd1, REF_FUNC = 0xd2, REF_EQ = 0xd3, REF_AS_NON_NULL = 0xd4,
            BR_ON_NULL = 0xd5, BR_ON_NON_NULL = 0xd6;

    public static final int PREFIX_GC = 0xfb, PREFIX_MISC = 0xfc, PREFIX_SIMD = 0xfd, PREFIX_ATOMIC = 0xfe;

    public static final int MEMORY_INIT = PREFIX_MISC << 16 | 8, DATA_DROP = PREFIX_MISC << 16 | 9,
            MEMORY_COPY = PREFIX_MISC << 16 | 10, MEMORY_FILL = PREFIX_MISC << 16 | 11,
            TABLE_INIT = PREFIX_MISC << 16 | 12, ELEM_DROP = PREFIX_MISC << 16 | 13,
            TABLE_COPY = PREFIX_MISC << 16 | 14, TABLE_GROW = PREFIX_MISC << 16 | 15,
            TABLE_SIZE = PREFIX_MISC << 16 | 16, TABLE_FILL = PREFIX_MISC << 16 | 17;

    /** A readable name for error messages: the text-format name where this class knows it, else the hex code. */
    public static String name(int op) {
        return switch (op) {
            case UNREACHABLE -> "unreachable";
            case BLOCK -> "block";
            case LOOP -> "loop";
            case IF -> "if";
            case ELSE -> "else";
            case END -> "end";
            case BR -> "br";
            case BR_IF -> "br_if";
            case BR_TABLE -> "br_table";
            case RETURN -> "return";
            case CALL -> "call";
            case CALL_INDIRECT -> "call_indirect";
            case LOCAL_GET -> "local.get";
            case LOCAL_SET -> "local.set";
            case GLOBAL_GET -> "global.get";
            case GLOBAL_SET -> "global.set";
            case I32_CONST -> "i32.const";
            case I64_CONST -> "i64.const";
            case F32_CONST -> "f32.const";
            case F64_CONST -> "f64.const";
            case REF_NULL -> "ref.null";
            case REF_FUNC -> "ref.func";
            default -> op > 0xff
                    ? String.format("0x%02x %d", op >>> 16, op & 0xffff)
                    : String.format("0x%02x", op);
        };
    }
}
