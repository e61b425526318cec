package dev.pipeline.plugins.splicer;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.CodeBuilder;
import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Global;
import dev.pipeline.api.wasm.GlobalType;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.IndexRemapper;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code stub-wasi = true} (componentize-py's {@code --stub-wasi}): replaces every WASI preview 1 import of the runtime
 * module with a function defined in the module itself, so the component imports no WASI interface at all. What the
 * stubs do (documented in the README): writes to stdout/stderr are accepted and dropped; the environment and the
 * arguments are empty; {@code random_get} yields a fixed pseudo-random sequence (there is no entropy without WASI);
 * {@code proc_exit} traps; {@code sched_yield} succeeds; every other call fails with {@code ENOSYS} (preopens with
 * {@code EBADF}), which Python reports as an {@code OSError}.
 */
final class WasiStubber {
    static final String WASI = "wasi_snapshot_preview1";

    private static final int ERRNO_BADF = 8;
    private static final int ERRNO_NOSYS = 52;

    private WasiStubber() {}

    /** Rewrites {@code m} in place; returns the number of imports replaced. */
    static int stub(Module m) {
        List<Integer> funcImportPositions = new ArrayList<>(); // function index of each imported function
        Map<Integer, Import> wasi = new TreeMap<>();
        int funcIndex = 0;
        for (Import imp : m.imports) {
            if (imp.kind() != ExternalKind.FUNC) {
                if (imp.module().equals(WASI)) {
                    throw new PipelineException("the runtime imports " + imp.kind().text() + " " + WASI + "." + imp.name()
                            + ", which stub-wasi cannot replace");
                }
                continue;
            }
            if (imp.module().equals(WASI)) wasi.put(funcIndex, imp);
            funcImportPositions.add(funcIndex++);
        }
        if (wasi.isEmpty()) return 0;
        int importedBefore = funcIndex;
        int definedBefore = m.functions.size();
        int kept = importedBefore - wasi.size();
        int[] mapping = new int[importedBefore + definedBefore];
        int keptSoFar = 0;
        int stubSoFar = 0;
        for (int i = 0; i < importedBefore; i++) {
            mapping[i] = wasi.containsKey(i) ? kept + definedBefore + stubSoFar++ : keptSoFar++;
        }
        for (int j = 0; j < definedBefore; j++) mapping[importedBefore + j] = kept + j;
        new IndexRemapper(i -> i < mapping.length ? mapping[i] : i, g -> g).apply(m);

        int randomState = m.globalCount();
        m.globals.add(new Global(new GlobalType(ValType.I32, true), ConstExpr.i32(0x2545F491)));
        m.imports.removeIf(imp -> imp.kind() == ExternalKind.FUNC && imp.module().equals(WASI));
        for (Import imp : wasi.values()) {
            FuncType type = m.types.get(imp.typeIndex());
            m.functions.add(imp.typeIndex());
            m.code.add(body(imp.name(), type, randomState).toBody());
        }
        return wasi.size();
    }

    private static CodeBuilder body(String name, FuncType type, int randomState) {
        CodeBuilder c = new CodeBuilder();
        boolean returnsErrno = type.results().size() == 1 && type.results().get(0).equals(ValType.I32);
        List<ValType> p = type.params();
        switch (name) {
            case "fd_write" -> {
                if (!sig(p, 4) || !returnsErrno) return trap(c);
                c.locals(1, ValType.I32); // local 4: bytes "written"
                // only stdout and stderr accept writes
                c.localGet(0).i32Const(1).op(0x46).localGet(0).i32Const(2).op(0x46).op(0x72).op(0x45)
                        .blockEmpty(0x04).i32Const(ERRNO_BADF).ret().end();
                c.blockEmpty(0x02).blockEmpty(0x03)
                        .localGet(2).op(0x45).raw(new byte[] {0x0d, 1})
                        .localGet(4).localGet(1).load(ValType.I32, 4).op(0x6a).localSet(4)
                        .localGet(1).i32Const(8).op(0x6a).localSet(1)
                        .localGet(2).i32Const(1).op(0x6b).localSet(2)
                        .raw(new byte[] {0x0c, 0})
                        .end().end();
                c.localGet(3).localGet(4).store(ValType.I32, 0).i32Const(0);
            }
            case "random_get" -> {
                if (!sig(p, 2) || !returnsErrno) return trap(c);
                c.blockEmpty(0x02).blockEmpty(0x03)
                        .localGet(1).op(0x45).raw(new byte[] {0x0d, 1});
                xorshift(c, randomState, 13, 0x74);
                xorshift(c, randomState, 17, 0x76);
                xorshift(c, randomState, 5, 0x74);
                c.localGet(0).globalGet(randomState).raw(new byte[] {0x3a, 0, 0})
                        .localGet(0).i32Const(1).op(0x6a).localSet(0)
                        .localGet(1).i32Const(1).op(0x6b).localSet(1)
                        .raw(new byte[] {0x0c, 0})
                        .end().end();
                c.i32Const(0);
            }
            case "environ_sizes_get", "args_sizes_get" -> {
                if (!sig(p, 2) || !returnsErrno) return trap(c);
                c.localGet(0).i32Const(0).store(ValType.I32, 0).localGet(1).i32Const(0).store(ValType.I32, 0).i32Const(0);
            }
            case "environ_get", "args_get", "sched_yield" -> {
                if (!returnsErrno) return trap(c);
                c.i32Const(0);
            }
            case "fd_prestat_get" -> {
                if (!returnsErrno) return trap(c);
                c.i32Const(ERRNO_BADF);
            }
            default -> {
                if (!returnsErrno) return trap(c); // proc_exit and anything that cannot report an error
                c.i32Const(ERRNO_NOSYS);
            }
        }
        return c; // toBody() adds the final end
    }

    private static boolean sig(List<ValType> params, int n) {
        if (params.size() != n) return false;
        for (ValType t : params) if (!t.equals(ValType.I32)) return false;
        return true;
    }

    /** {@code state ^= state <shift-op> amount} */
    private static void xorshift(CodeBuilder c, int state, int amount, int shiftOp) {
        c.globalGet(state).globalGet(state).i32Const(amount).op(shiftOp).op(0x73).globalSet(state);
    }

    private static CodeBuilder trap(CodeBuilder c) {
        return c.unreachable();
    }
}
