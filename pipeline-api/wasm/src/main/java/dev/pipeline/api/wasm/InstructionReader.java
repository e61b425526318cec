package dev.pipeline.api.wasm;

/**
 * Decodes core instructions one at a time and checks their encoding: the MVP set, sign extension, saturating
 * conversions, bulk memory, reference types, multi-value block types, tail calls, typed function references,
 * exception handling (legacy and {@code try_table}), SIMD (including relaxed SIMD) and threads. GC instructions are
 * rejected. After {@link #next()}, the immediates of the instruction are available from the accessors.
 */
public final class InstructionReader {
    private final WasmInput in;
    private int depth;
    private int start;
    private int immediateStart;
    private long imm;
    private long imm2;
    private int[] targets = new int[0];

    public InstructionReader(WasmInput in) { this.in = in; }

    /** Block nesting after the last instruction; the function's final {@code end} brings it to -1. */
    public int depth() { return depth; }

    /** Offset of the last instruction's opcode. */
    public int start() { return start; }

    /** Offset of the last instruction's first immediate. */
    public int immediateStart() { return immediateStart; }

    /** The first immediate: an index, a constant, a memarg offset, a block type or a lane. */
    public long immediate() { return imm; }

    /** The second immediate: a table index for {@code call_indirect}, the memory index of a memarg, … */
    public long immediate2() { return imm2; }

    /** The label targets of the last {@code br_table}, default last. */
    public int[] targets() { return targets; }

    public boolean atEnd() { return in.atEnd(); }

    /** Whether {@code op} may appear in a constant expression (extended-const included). */
    public boolean isConstant(int op) {
        return switch (op) {
            case Opcodes.I32_CONST, Opcodes.I64_CONST, Opcodes.F32_CONST, Opcodes.F64_CONST, Opcodes.GLOBAL_GET,
                 Opcodes.REF_NULL, Opcodes.REF_FUNC, Opcodes.END, Opcodes.I32_ADD, Opcodes.I32_SUB, 0x6c,
                 Opcodes.I64_ADD, Opcodes.I64_SUB, Opcodes.I64_MUL -> true;
            default -> op == (Opcodes.PREFIX_SIMD << 16 | 12);
        };
    }

    /** Decodes the next instruction and returns its opcode. */
    public int next() {
        start = in.position();
        int op = in.u8();
        immediateStart = in.position();
        imm = 0;
        imm2 = 0;
        switch (op) {
            case 0x00, 0x01, 0x0f, 0x1a, 0x1b, 0xd1, 0xd3, 0xd4, 0x19, 0x0a -> { }
            case 0x02, 0x03, 0x04, 0x06 -> {
                imm = blockType();
                depth++;
            }
            case 0x05, 0x07 -> {
                if (depth == 0) throw in.error(start, Opcodes.name(op) + " outside of a block");
                if (op == 0x07) imm = in.count();
            }
            case 0x0b -> depth--;
            case 0x18 -> {
                imm = in.count();
                depth--;
            }
            case 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x12, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2,
                 0xd5, 0xd6 -> imm = in.count();
            case 0x0e -> {
                int n = in.count();
                if (n > in.remaining()) throw in.error(immediateStart, "br_table with " + n + " targets exceeds the input");
                int[] t = new int[n + 1];
                for (int i = 0; i <= n; i++) t[i] = in.count();
                targets = t;
            }
            case 0x11, 0x13 -> {
                imm = in.count();
                imm2 = in.count();
            }
            case 0x1c -> {
                int n = in.count();
                if (n > in.remaining()) throw in.error(immediateStart, "select type count exceeds the input");
                for (int i = 0; i < n; i++) ValType.read(in);
            }
            case 0x1f -> {
                imm = blockType();
                int n = in.count();
                if (n > in.remaining()) throw in.error(immediateStart, "try_table catch count exceeds the input");
                for (int i = 0; i < n; i++) {
                    int at = in.position();
                    int kind = in.u8();
                    switch (kind) {
                        case 0, 1 -> { in.count(); in.count(); }
                        case 2, 3 -> in.count();
                        default -> throw in.error(at, "unknown catch kind " + kind);
                    }
                }
                depth++;
            }
            case 0x3f, 0x40 -> imm = in.count();
            case 0x41 -> imm = in.s32();
            case 0x42 -> imm = in.s64();
            case 0x43 -> in.skip(4);
            case 0x44 -> in.skip(8);
            case 0xd0 -> imm = heapType();
            case Opcodes.PREFIX_MISC -> op = misc();
            case Opcodes.PREFIX_SIMD -> op = simd();
            case Opcodes.PREFIX_ATOMIC -> op = atomic();
            case Opcodes.PREFIX_GC -> throw in.error(start, "GC instructions (prefix 0xfb) are not supported");
            default -> {
                if (op >= 0x28 && op <= 0x3e) memarg();
                else if (op >= 0x45 && op <= 0xc4) { /* numeric, no immediates */ }
                else throw in.error(start, "unknown opcode 0x" + Integer.toHexString(op));
            }
        }
        return op;
    }

    private long blockType() {
        int b = in.peekU8();
        if (b == 0x40) {
            in.u8();
            return -64;
        }
        if ((b & 0xc0) == 0x40) { // a negative one-byte SLEB: a value type
            ValType.read(in);
            return -1;
        }
        int at = in.position();
        long idx = in.signed(33);
        if (idx < 0) throw in.error(at, "bad block type");
        return idx;
    }

    private long heapType() {
        int b = in.peekU8();
        if ((b & 0xc0) == 0x40) {
            in.u8();
            return -(0x80 - b);
        }
        return in.signed(33);
    }

    private void memarg() {
        int at = in.position();
        int align = in.u32();
        if ((align & ~0x7f) != 0) throw in.error(at, "bad memory alignment flags " + Integer.toUnsignedString(align));
        imm2 = (align & 0x40) != 0 ? in.count() : 0;
        imm = in.u64();
    }

    private int misc() {
        int at = in.position();
        int sub = in.u32();
        switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case 8, 12, 14 -> { imm = in.count(); imm2 = in.count(); }
            case 9, 11, 13, 15, 16, 17 -> imm = in.count();
            case 10 -> { imm = in.count(); imm2 = in.count(); }
            default -> throw in.error(at, "unknown 0xfc sub-opcode " + Integer.toUnsignedString(sub));
        }
        return Opcodes.PREFIX_MISC << 16 | sub;
    }

    private int simd() {
        int at = in.position();
        int sub = in.u32();
        if (sub < 0) throw in.error(at, "unknown 0xfd sub-opcode " + Integer.toUnsignedString(sub));
        if (sub <= 11 || sub == 92 || sub == 93) memarg();
        else if (sub == 12 || sub == 13) in.skip(16);
        else if (sub >= 21 && sub <= 34) imm = in.u8();
        else if (sub >= 84 && sub <= 91) {
            memarg();
            imm2 = in.u8();
        } else if (sub > 0x113) {
            throw in.error(at, "unknown 0xfd (SIMD) sub-opcode " + sub);
        }
        return Opcodes.PREFIX_SIMD << 16 | sub;
    }

    private int atomic() {
        int at = in.position();
        int sub = in.u32();
        if (sub == 3) {
            int z = in.u8();
            if (z != 0) throw in.error(at, "atomic.fence takes a zero byte");
        } else if ((sub >= 0 && sub <= 2) || (sub >= 0x10 && sub <= 0x4e)) {
            memarg();
        } else {
            throw in.error(at, "unknown 0xfe (atomic) sub-opcode " + Integer.toUnsignedString(sub));
        }
        return Opcodes.PREFIX_ATOMIC << 16 | sub;
    }
}
