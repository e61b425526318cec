package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Rewrites every function and global index in a module (bodies, constant expressions, element segments, exports,
 * start, name section) through a mapping; used when imports are inserted in front of defined items or removed.
 * Names of items mapped to a negative index are dropped from the name section.
 */
public final class IndexRemapper {
    private final IntUnaryOperator functions;
    private final IntUnaryOperator globals;

    public IndexRemapper(IntUnaryOperator functions, IntUnaryOperator globals) {
        this.functions = functions;
        this.globals = globals;
    }

    /** Applies the mapping to {@code m} in place. */
    public void apply(Module m) {
        for (int i = 0; i < m.code.size(); i++) {
            if (m.code.get(i) != null) m.code.set(i, body(m.code.get(i), "function " + i));
        }
        for (int i = 0; i < m.globals.size(); i++) {
            Global g = m.globals.get(i);
            m.globals.set(i, new Global(g.type(), expression(g.init())));
        }
        for (int i = 0; i < m.exports.size(); i++) {
            Export e = m.exports.get(i);
            int idx = switch (e.kind()) {
                case FUNC -> functions.applyAsInt(e.index());
                case GLOBAL -> globals.applyAsInt(e.index());
                default -> e.index();
            };
            m.exports.set(i, new Export(e.name(), e.kind(), idx));
        }
        if (m.start != null) m.start = functions.applyAsInt(m.start);
        for (int i = 0; i < m.elements.size(); i++) {
            ElementSegment s = m.elements.get(i);
            int[] funcs = null;
            List<byte[]> exprs = null;
            if (s.functions() != null) {
                funcs = s.functions().clone();
                for (int k = 0; k < funcs.length; k++) funcs[k] = functions.applyAsInt(funcs[k]);
            }
            if (s.expressions() != null) {
                exprs = new ArrayList<>();
                for (byte[] e : s.expressions()) exprs.add(expression(e));
            }
            m.elements.set(i, new ElementSegment(s.flags(), s.table(), s.offset() == null ? null : expression(s.offset()),
                    s.type(), s.elemKind(), funcs, exprs));
        }
        for (int i = 0; i < m.data.size(); i++) {
            DataSegment d = m.data.get(i);
            if (d.offset() != null) m.data.set(i, new DataSegment(d.flags(), d.memory(), expression(d.offset()), d.data()));
        }
        for (int i = 0; i < m.customSections.size(); i++) {
            CustomSection c = m.customSections.get(i);
            if (c.name().equals("name")) {
                m.customSections.set(i, new CustomSection(c.name(),
                        NameSection.read(c.data()).remap(functions, globals).toBytes(), c.after()));
            }
        }
    }

    /** A function body with its indices mapped. */
    public FunctionBody body(FunctionBody body, String what) {
        byte[] b = body.bytes();
        int codeStart = body.codeStart();
        WasmInput in = new WasmInput(b, what);
        in.seek(codeStart);
        WasmOutput out = new WasmOutput(b.length + 16);
        out.bytes(b, 0, codeStart);
        copyInstructions(in, out, b, codeStart);
        return new FunctionBody(out.toByteArray());
    }

    private byte[] expression(byte[] expr) {
        WasmInput in = new WasmInput(expr, "constant expression");
        WasmOutput out = new WasmOutput(expr.length + 8);
        copyInstructions(in, out, expr, 0);
        return out.toByteArray();
    }

    private void copyInstructions(WasmInput in, WasmOutput out, byte[] b, int from) {
        InstructionReader r = new InstructionReader(in);
        int copied = from;
        while (!in.atEnd()) {
            int op = r.next();
            IntUnaryOperator map = switch (op) {
                case Opcodes.CALL, Opcodes.RETURN_CALL, Opcodes.REF_FUNC -> functions;
                case Opcodes.GLOBAL_GET, Opcodes.GLOBAL_SET -> globals;
                default -> null;
            };
            if (map == null) continue;
            int oldIndex = (int) r.immediate();
            int newIndex = map.applyAsInt(oldIndex);
            if (newIndex == oldIndex) continue;
            out.bytes(b, copied, r.immediateStart() - copied);
            out.u32(newIndex);
            copied = in.position();
        }
        out.bytes(b, copied, b.length - copied);
    }
}
