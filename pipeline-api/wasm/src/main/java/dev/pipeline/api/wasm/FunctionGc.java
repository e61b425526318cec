package dev.pipeline.api.wasm;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Removes what no live code reaches: functions reachable from exports, the start function, element segments and
 * {@code ref.func} in global initialisers stay; other defined functions get an {@code unreachable} body (indices are
 * kept), and function imports used only by them are deleted (indices after them shift, code is rewritten).
 */
public final class FunctionGc {
    private FunctionGc() {}

    private static final byte[] TRAP = {0x00, 0x00, 0x0b}; // no locals; unreachable; end

    /**
     * Collects garbage in {@code m}; imports for which {@code keepImport} holds are kept (and count as live).
     * Returns the number of imports removed; names of removed imports leave the name section.
     */
    public static int collect(Module m, Predicate<Import> keepImport) {
        int imported = m.importCount(ExternalKind.FUNC);
        int total = m.functionCount();
        BitSet live = new BitSet(total);
        Deque<Integer> work = new ArrayDeque<>();
        int f = 0;
        for (Import i : m.imports) {
            if (i.kind() != ExternalKind.FUNC) continue;
            if (keepImport.test(i)) mark(f, live, work);
            f++;
        }
        for (Export e : m.exports) if (e.kind() == ExternalKind.FUNC) mark(e.index(), live, work);
        if (m.start != null) mark(m.start, live, work);
        for (ElementSegment s : m.elements) {
            if (s.functions() != null) for (int x : s.functions()) mark(x, live, work);
            if (s.expressions() != null) for (byte[] e : s.expressions()) refs(e, 0, live, work);
        }
        for (Global g : m.globals) refs(g.init(), 0, live, work);
        while (!work.isEmpty()) {
            int fn = work.pop();
            if (fn < imported) continue;
            FunctionBody body = m.code.get(fn - imported);
            refs(body.bytes(), body.codeStart(), live, work);
        }
        for (int i = imported; i < total; i++) {
            if (!live.get(i)) m.code.set(i - imported, new FunctionBody(TRAP.clone()));
        }
        int[] map = new int[total];
        int next = 0;
        int removed = 0;
        for (int i = 0; i < total; i++) {
            if (i < imported && !live.get(i)) {
                map[i] = -1;
                removed++;
            } else {
                map[i] = next++;
            }
        }
        if (removed == 0) return 0;
        int[] position = {0};
        m.imports.removeIf(i -> i.kind() == ExternalKind.FUNC && map[position[0]++] < 0);
        new IndexRemapper(i -> map[i], i -> i).apply(m);
        return removed;
    }

    private static void mark(int fn, BitSet live, Deque<Integer> work) {
        if (fn >= 0 && !live.get(fn)) {
            live.set(fn);
            work.push(fn);
        }
    }

    private static void refs(byte[] code, int from, BitSet live, Deque<Integer> work) {
        WasmInput in = new WasmInput(code, "code");
        in.seek(from);
        InstructionReader r = new InstructionReader(in);
        while (!in.atEnd()) {
            int op = r.next();
            if (op == Opcodes.CALL || op == Opcodes.RETURN_CALL || op == Opcodes.REF_FUNC) mark((int) r.immediate(), live, work);
        }
    }
}
