package dev.pipeline.plugins.splicer;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.abi.CoreType;
import dev.pipeline.api.abi.FlatSignature;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.CodeBuilder;
import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.DataSegment;
import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.Global;
import dev.pipeline.api.wasm.GlobalType;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.IndexRemapper;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.SectionId;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the world-independent runtime module speak one world's canonical ABI, in place: the runtime's generic
 * {@code pipeline.*} imports become small functions of the module itself (a {@code br_table} over the world's
 * lowered imports, the module image as a passive data segment, the resource intrinsics), and every world export
 * gets a trampoline with its exact flat signature that calls {@code pipeline_dispatch}. The result is a main module
 * in the shape wit-component expects (names {@code $root}/{@code iface#f}, {@code cabi_post_*}), ready for
 * {@code ComponentNew} with the WASI adapter. See docs/runtime-abi.md for the runtime side.
 */
final class RuntimeSplicer {
    static final String PIPELINE = "pipeline";
    /** Bytes of the argument area for export calls: 16 flat parameter slots and one result slot. */
    private static final int ARGS_BYTES = (CanonicalAbi.MAX_FLAT_PARAMS + 1) * 8;
    private static final int RESULT_OFFSET = CanonicalAbi.MAX_FLAT_PARAMS * 8;
    /** Exports of the runtime that the world does not name; they are removed so only the world remains. */
    private static final Set<String> KEEP_EXPORTS = Set.of("memory", "cabi_realloc", "_initialize");

    private final WorldView view;
    private final CanonicalAbi abi;

    RuntimeSplicer(WorldView view) {
        this.view = view;
        this.abi = new CanonicalAbi(view.resolve());
    }

    /** What the splice did, for progress lines and tests. */
    record Summary(int exports, int imports, int removedImports, int imageBytes) {}

    /**
     * Rewrites {@code m} in place. {@code image} is the module image to embed, or null when the module was
     * pre-initialised and will never ask for it.
     */
    Summary splice(Module m, byte[] image) {
        // the name section would map removed imports onto new functions: drop it (names are debug info only)
        m.customSections.removeIf(c -> c.name().equals("name"));
        int oldImports = m.importCount(ExternalKind.FUNC);
        Map<String, Integer> pipelineImports = new HashMap<>();
        for (int i = 0, f = 0; i < m.imports.size(); i++) {
            Import imp = m.imports.get(i);
            if (imp.kind() != ExternalKind.FUNC) continue;
            if (imp.module().equals(PIPELINE)) pipelineImports.put(imp.name(), f);
            f++;
        }
        int dispatch = exportedFunction(m, "pipeline_dispatch");
        int postReturn = exportedFunction(m, "pipeline_post_return");
        int dtor = exportedFunction(m, "pipeline_resource_dtor");
        int realloc = exportedFunction(m, "cabi_realloc");

        // new function imports: the world's lowered imports, then resource intrinsics
        List<Import> newImports = new ArrayList<>();
        List<FlatSignature> importSigs = new ArrayList<>();
        for (WorldFunction f : view.imports()) {
            FlatSignature sig = abi.flattenFunction(f.function(), CanonicalAbi.Context.LOWER);
            importSigs.add(sig);
            newImports.add(Import.func(f.coreImportModule(), f.name(), m.internType(funcType(sig.params(), sig.results()))));
        }
        int[] resourceNew = new int[view.resources().size()];
        int[] resourceRep = new int[view.resources().size()];
        int[] resourceDrop = new int[view.resources().size()];
        int keptImports = oldImports - pipelineImports.size();
        FuncType i32ToI32 = funcType(List.of(CoreType.I32), List.of(CoreType.I32));
        FuncType i32ToNone = funcType(List.of(CoreType.I32), List.of());
        for (WorldResource r : view.resources()) {
            String module = r.exported() ? "[export]" + (r.interfaceKey() == null ? "$root" : r.interfaceKey())
                    : (r.interfaceKey() == null ? "$root" : r.interfaceKey());
            if (r.exported()) {
                resourceNew[r.index()] = keptImports + newImports.size();
                newImports.add(Import.func(module, "[resource-new]" + r.name(), m.internType(i32ToI32)));
                resourceRep[r.index()] = keptImports + newImports.size();
                newImports.add(Import.func(module, "[resource-rep]" + r.name(), m.internType(i32ToI32)));
            } else {
                resourceNew[r.index()] = -1;
                resourceRep[r.index()] = -1;
            }
            resourceDrop[r.index()] = keptImports + newImports.size();
            newImports.add(Import.func(module, "[resource-drop]" + r.name(), m.internType(i32ToNone)));
        }
        int worldImportBase = keptImports;

        // index mapping: kept imports move down past removed ones, defined functions move past the new imports
        int newImportCount = keptImports + newImports.size();
        int definedBase = newImportCount;
        int oldDefined = m.functions.size();
        // replacements for the pipeline.* imports are defined after the existing functions, in this order
        List<String> replaced = List.of("call_import", "image_size", "image_read", "resource_new", "resource_rep", "resource_drop");
        Map<String, Integer> replacementIndex = new HashMap<>();
        for (int i = 0; i < replaced.size(); i++) replacementIndex.put(replaced.get(i), definedBase + oldDefined + i);
        for (String name : pipelineImports.keySet()) {
            if (!replacementIndex.containsKey(name)) {
                throw new PipelineException("the runtime imports pipeline." + name + ", which this splicer does not provide");
            }
        }
        int[] map = new int[oldImports + oldDefined];
        int removedBefore = 0;
        Map<Integer, String> removedAt = new HashMap<>();
        pipelineImports.forEach((name, idx) -> removedAt.put(idx, name));
        for (int i = 0; i < oldImports; i++) {
            if (removedAt.containsKey(i)) {
                map[i] = replacementIndex.get(removedAt.get(i));
                removedBefore++;
            } else {
                map[i] = i - removedBefore;
            }
        }
        for (int j = 0; j < oldDefined; j++) map[oldImports + j] = definedBase + j;
        new IndexRemapper(i -> i < map.length ? map[i] : i, g -> g).apply(m);
        dispatch = map[dispatch];
        postReturn = map[postReturn];
        dtor = map[dtor];
        realloc = map[realloc];

        // imports: drop pipeline.*, append the new ones after the kept function imports
        List<Import> kept = new ArrayList<>();
        for (Import imp : m.imports) if (!(imp.kind() == ExternalKind.FUNC && imp.module().equals(PIPELINE))) kept.add(imp);
        m.imports.clear();
        m.imports.addAll(kept);
        m.imports.addAll(newImports);

        // the image: a passive segment copied into memory on request
        int imageSegment = -1;
        int imageBytes = 0;
        if (image != null) {
            m.data.add(DataSegment.passive(image));
            imageSegment = m.data.size() - 1;
            imageBytes = image.length;
            m.dataCount = m.data.size();
            m.presentSections.add(SectionId.DATA_COUNT);
        }

        // the replacement functions, in the order of `replaced`
        define(m, funcType(List.of(CoreType.I32, CoreType.I32, CoreType.I32), List.of()), callImport(importSigs, worldImportBase));
        define(m, funcType(List.of(), List.of(CoreType.I32)), new CodeBuilder().i32Const(imageBytes).toBody());
        CodeBuilder read = new CodeBuilder();
        if (image != null) read.localGet(0).i32Const(0).i32Const(imageBytes).memoryInitAndDrop(imageSegment);
        else read.unreachable();
        define(m, i32ToNone, read.toBody());
        define(m, funcType(List.of(CoreType.I32, CoreType.I32), List.of(CoreType.I32)), byResource(resourceNew));
        define(m, funcType(List.of(CoreType.I32, CoreType.I32), List.of(CoreType.I32)), byResource(resourceRep));
        define(m, funcType(List.of(CoreType.I32, CoreType.I32), List.of()), byResource(resourceDrop));

        // the argument area of export calls, allocated on first use
        m.globals.add(new Global(new GlobalType(ValType.I32, true), ConstExpr.i32(0)));
        int argsGlobal = m.globalCount() - 1;

        m.exports.removeIf(e -> !KEEP_EXPORTS.contains(e.name()));
        for (WorldFunction f : view.exports()) {
            FlatSignature sig = abi.flattenFunction(f.function(), CanonicalAbi.Context.LIFT);
            int tramp = define(m, funcType(sig.params(), sig.results()), trampoline(f.index(), sig, dispatch, realloc, argsGlobal));
            m.exports.add(new Export(f.coreExportName(), ExternalKind.FUNC, tramp));
            int post = define(m, funcType(sig.results(), List.of()), new CodeBuilder().i32Const(f.index()).call(postReturn).toBody());
            m.exports.add(new Export("cabi_post_" + f.coreExportName(), ExternalKind.FUNC, post));
        }
        for (WorldResource r : view.resources()) {
            if (!r.exported()) continue;
            int d = define(m, i32ToNone, new CodeBuilder().i32Const(r.index()).localGet(0).call(dtor).toBody());
            String prefix = r.interfaceKey() == null ? "" : r.interfaceKey() + "#";
            m.exports.add(new Export(prefix + "[dtor]" + r.name(), ExternalKind.FUNC, d));
        }
        return new Summary(view.exports().size(), view.imports().size(), pipelineImports.size(), imageBytes);
    }

    private static int exportedFunction(Module m, String name) {
        Export e = m.export(name).orElseThrow(() -> new PipelineException("the runtime module does not export `" + name
                + "`: is it the pipeline runtime (see docs/runtime-abi.md)?"));
        if (e.kind() != ExternalKind.FUNC) throw new PipelineException("the runtime's `" + name + "` is not a function");
        return e.index();
    }

    private static int define(Module m, FuncType type, FunctionBody body) {
        m.functions.add(m.internType(type));
        m.code.add(body);
        return m.functionCount() - 1;
    }

    private static ValType valType(CoreType t) {
        return switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
        };
    }

    private static FuncType funcType(List<CoreType> params, List<CoreType> results) {
        return FuncType.of(params.stream().map(RuntimeSplicer::valType).toList(), results.stream().map(RuntimeSplicer::valType).toList());
    }

    /** call_import(index, params, results): load the flat slots, call import {@code index}, store its result. */
    private static FunctionBody callImport(List<FlatSignature> sigs, int firstImport) {
        CodeBuilder b = new CodeBuilder();
        int n = sigs.size();
        for (int i = 0; i <= n; i++) b.blockEmpty(Opcodes.BLOCK);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i;
        b.localGet(0).brTable(labels, n).end();
        for (int i = 0; i < n; i++) {
            FlatSignature sig = sigs.get(i);
            if (!sig.results().isEmpty()) b.localGet(2);
            for (int p = 0; p < sig.params().size(); p++) b.localGet(1).load(valType(sig.params().get(p)), p * 8);
            b.call(firstImport + i);
            if (!sig.results().isEmpty()) b.store(valType(sig.results().get(0)), 0);
            b.ret().end();
        }
        return b.unreachable().toBody();
    }

    /** A resource intrinsic chosen by resource index: (resource, value) → the intrinsic of that resource. */
    private static FunctionBody byResource(int[] funcs) {
        CodeBuilder b = new CodeBuilder();
        int n = funcs.length;
        for (int i = 0; i <= n; i++) b.blockEmpty(Opcodes.BLOCK);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i;
        b.localGet(0).brTable(labels, n).end();
        for (int i = 0; i < n; i++) {
            if (funcs[i] < 0) {
                b.unreachable().end();
                continue;
            }
            b.localGet(1).call(funcs[i]).ret().end();
        }
        return b.unreachable().toBody();
    }

    /** An export with its exact flat signature: spill the parameters into slots, dispatch, load the result. */
    private static FunctionBody trampoline(int index, FlatSignature sig, int dispatch, int realloc, int argsGlobal) {
        int args = sig.params().size();   // the extra local holding the argument area
        CodeBuilder b = new CodeBuilder().locals(1, ValType.I32);
        b.globalGet(argsGlobal).op(0x45 /* i32.eqz */).blockEmpty(Opcodes.IF)
                .i32Const(0).i32Const(0).i32Const(8).i32Const(ARGS_BYTES).call(realloc).globalSet(argsGlobal)
                .end();
        b.globalGet(argsGlobal).localSet(args);
        for (int p = 0; p < sig.params().size(); p++) b.localGet(args).localGet(p).store(valType(sig.params().get(p)), p * 8);
        b.i32Const(index).localGet(args).localGet(args).i32Const(RESULT_OFFSET).op(0x6a /* i32.add */).call(dispatch);
        if (!sig.results().isEmpty()) b.localGet(args).load(valType(sig.results().get(0)), RESULT_OFFSET);
        return b.toBody();
    }
}
