package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.PipelineException;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks what the reader leaves alone: every instruction decodes, and every index an instruction or segment uses
 * (functions, types, locals, globals, tables, memories, data and element segments, tags, branch labels) is in range.
 * It does not type-check operand stacks. Errors name the byte offset in the file when the module was read from one.
 */
public final class ModuleValidator {
    private ModuleValidator() {}

    public static void check(Module m, String what) {
        int funcs = m.functionCount();
        int tables = m.tableCount();
        int memories = m.memoryCount();
        int globals = m.globalCount();
        int tags = m.tagCount();
        int dataSegments = m.dataCount != null ? m.dataCount : m.data.size();
        Set<String> exportNames = new HashSet<>();
        for (Export e : m.exports) {
            if (!exportNames.add(e.name())) throw new PipelineException(what + ": duplicate export name `" + e.name() + "`");
        }
        for (int i = 0; i < m.elements.size(); i++) {
            ElementSegment s = m.elements.get(i);
            if (s.isActive() && s.table() >= tables) {
                throw new PipelineException(what + ": element segment " + i + " targets table " + s.table() + " of " + tables);
            }
            if (s.functions() != null) {
                for (int f : s.functions()) {
                    if (f < 0 || f >= funcs) {
                        throw new PipelineException(what + ": element segment " + i + " names function " + Integer.toUnsignedString(f)
                                + " but there are " + funcs);
                    }
                }
            }
        }
        for (int i = 0; i < m.data.size(); i++) {
            DataSegment d = m.data.get(i);
            if (d.isActive() && d.memory() >= memories) {
                throw new PipelineException(what + ": data segment " + i + " targets memory " + d.memory() + " of " + memories);
            }
        }
        int imported = m.importCount(ExternalKind.FUNC);
        for (int i = 0; i < m.code.size(); i++) {
            int base = i < m.bodyOffsets.size() ? m.bodyOffsets.get(i) : -1;
            String where = what + " function " + (imported + i);
            FunctionBody body = m.code.get(i);
            try {
                checkBody(m, m.types.get(m.functions.get(i)), body, where, Math.max(base, 0),
                        funcs, tables, memories, globals, tags, dataSegments);
            } catch (BodyError e) {
                String at = base >= 0 ? "at byte offset " + (base + e.offset) + " (0x" + Integer.toHexString(base + e.offset) + ")"
                        : "at byte offset " + e.offset + " of the body";
                throw new PipelineException(where + ": " + at + ": " + e.getMessage());
            }
        }
    }

    /** An index error inside a body, at an offset relative to the body. */
    private static final class BodyError extends RuntimeException {
        final int offset;

        BodyError(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static void checkBody(Module m, FuncType type, FunctionBody body, String where, int base, int funcs,
                                  int tables, int memories, int globals, int tags, int dataSegments) {
        long locals = type.params().size();
        for (FunctionBody.Locals l : body.locals(where, base)) locals += l.count() & 0xffffffffL;
        WasmInput in = new WasmInput(body.bytes(), 0, body.bytes().length, where, base);
        in.seek(body.codeStart());
        InstructionReader r = new InstructionReader(in);
        while (true) {
            if (in.atEnd()) throw in.error("function body ends without a final `end`");
            int depthBefore = r.depth();
            int op = r.next();
            int at = r.start();
            long a = r.immediate();
            long b = r.immediate2();
            switch (op) {
                case Opcodes.CALL, Opcodes.RETURN_CALL, Opcodes.REF_FUNC -> range(at, a, funcs, "function");
                case Opcodes.CALL_INDIRECT, Opcodes.RETURN_CALL_INDIRECT -> {
                    range(at, a, m.types.size(), "type");
                    range(at, b, tables, "table");
                }
                case Opcodes.CALL_REF, Opcodes.RETURN_CALL_REF -> range(at, a, m.types.size(), "type");
                case Opcodes.LOCAL_GET, Opcodes.LOCAL_SET, Opcodes.LOCAL_TEE -> range(at, a, locals, "local");
                case Opcodes.GLOBAL_GET -> range(at, a, globals, "global");
                case Opcodes.GLOBAL_SET -> {
                    range(at, a, globals, "global");
                    if (!m.globalType((int) a).mutable()) throw new BodyError(at, "global.set of immutable global " + a);
                }
                case Opcodes.TABLE_GET, Opcodes.TABLE_SET, Opcodes.TABLE_GROW, Opcodes.TABLE_SIZE, Opcodes.TABLE_FILL ->
                        range(at, a, tables, "table");
                case Opcodes.MEMORY_SIZE, Opcodes.MEMORY_GROW -> range(at, a, memories, "memory");
                case Opcodes.BR, Opcodes.BR_IF, Opcodes.BR_ON_NULL, Opcodes.BR_ON_NON_NULL -> range(at, a, depthBefore + 1L, "label");
                case Opcodes.BR_TABLE -> {
                    for (int t : r.targets()) range(at, t & 0xffffffffL, depthBefore + 1L, "label");
                }
                case Opcodes.THROW, Opcodes.CATCH -> range(at, a, tags, "tag");
                case Opcodes.MEMORY_INIT -> {
                    range(at, a, dataSegments, "data segment");
                    range(at, b, memories, "memory");
                }
                case Opcodes.DATA_DROP -> range(at, a, dataSegments, "data segment");
                case Opcodes.MEMORY_COPY -> {
                    range(at, a, memories, "memory");
                    range(at, b, memories, "memory");
                }
                case Opcodes.MEMORY_FILL -> range(at, a, memories, "memory");
                case Opcodes.TABLE_INIT -> {
                    range(at, a, m.elements.size(), "element segment");
                    range(at, b, tables, "table");
                }
                case Opcodes.ELEM_DROP -> range(at, a, m.elements.size(), "element segment");
                case Opcodes.TABLE_COPY -> {
                    range(at, a, tables, "table");
                    range(at, b, tables, "table");
                }
                default -> {
                    if (usesMemarg(op)) range(at, b, memories, "memory");
                }
            }
            if (op == Opcodes.END && r.depth() < 0) break;
        }
        in.expectEnd("function body");
    }

    private static boolean usesMemarg(int op) {
        if (op >= 0x28 && op <= 0x3e) return true;
        int prefix = op >>> 16;
        int sub = op & 0xffff;
        if (prefix == Opcodes.PREFIX_SIMD) return sub <= 11 || sub == 92 || sub == 93 || (sub >= 84 && sub <= 91);
        return prefix == Opcodes.PREFIX_ATOMIC && sub != 3;
    }

    private static void range(int at, long index, long count, String what) {
        if (index < 0 || index >= count) {
            throw new BodyError(at, what + " index " + index + " out of range (" + count + " " + what + (count == 1 ? "" : "s") + ")");
        }
    }
}
