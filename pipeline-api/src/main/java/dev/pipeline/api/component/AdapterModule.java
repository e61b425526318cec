package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.CodeBuilder;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.FunctionGc;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.NameSection;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.WasmOutput;

import java.util.List;
import java.util.Set;

/**
 * Prepares a WASI preview1 adapter module (such as {@code wasi_snapshot_preview1.reactor.wasm}) for one component:
 * keeps only the exports the main module uses (plus {@code cabi_import_realloc}) and the code and WASI imports they
 * reach, drops its metadata, and makes its
 * private stack lazily allocated through the main module's {@code cabi_realloc} on first entry, the way
 * wit-component does.
 */
public final class AdapterModule {
    private AdapterModule() {}

    /** wit-component's stack allocation states held in the adapter's {@code allocation_state} global. */
    private static final int UNALLOCATED = 0, ALLOCATING = 1, ALLOCATED = 2;
    private static final int STACK_SIZE = 65536;

    /** Rewrites {@code adapter} in place for a main module that imports {@code usedExports} from it. */
    public static void prepare(Module adapter, Set<String> usedExports) {
        for (String name : usedExports) {
            Export e = adapter.export(name).orElseThrow(() -> new PipelineException(
                    "the main module imports wasi_snapshot_preview1." + name + ", which the adapter does not export"));
            if (e.kind() != ExternalKind.FUNC) throw new PipelineException("adapter export " + name + " is not a function");
        }
        adapter.exports.removeIf(e -> !usedExports.contains(e.name()) && !e.name().equals("cabi_import_realloc"));
        adapter.customSections.removeIf(AdapterModule::isMetadata);

        NameSection names = adapter.customSection("name").map(c -> NameSection.read(c.data())).orElse(null);
        int sp = names == null ? -1 : names.indexOf(NameSection.GLOBALS, "__stack_pointer");
        int state = names == null ? -1 : names.indexOf(NameSection.GLOBALS, "allocation_state");
        // code only the dropped exports reached goes, and with it the WASI imports nothing else needs
        FunctionGc.collect(adapter, i -> i.module().equals("__main_module__"));
        int realloc = -1;
        int funcImport = 0;
        for (Import i : adapter.imports) {
            if (i.kind() != ExternalKind.FUNC) continue;
            if (i.module().equals("__main_module__") && i.name().equals("cabi_realloc")) realloc = funcImport;
            funcImport++;
        }

        if (realloc < 0 || sp < 0 || state < 0) return;
        if (!adapter.globalType(sp).mutable() || !adapter.globalType(state).mutable()) {
            throw new PipelineException("the adapter's __stack_pointer and allocation_state globals must be mutable");
        }
        ModuleBuilder b = new ModuleBuilder(adapter);
        ModuleBuilder.Ref stackPointer = b.existing(ExternalKind.GLOBAL, sp);
        ModuleBuilder.Ref allocationState = b.existing(ExternalKind.GLOBAL, state);
        ModuleBuilder.Ref cabiRealloc = b.existing(ExternalKind.FUNC, realloc);
        ModuleBuilder.Ref allocate = b.function(FuncType.of(List.of(), List.of()), c -> allocateStack(c,
                allocationState, stackPointer, cabiRealloc));
        b.build();
        byte[] call = new WasmOutput(6).u8(Opcodes.CALL).u32(allocate.index()).toByteArray();
        int imported = adapter.importCount(ExternalKind.FUNC);
        java.util.BitSet prefixed = new java.util.BitSet();
        for (Export e : adapter.exports) {
            if (e.kind() != ExternalKind.FUNC || e.index() < imported || prefixed.get(e.index())) continue;
            prefixed.set(e.index());
            int body = e.index() - imported;
            FunctionBody f = adapter.code.get(body);
            adapter.code.set(body, f.prepend(call));
        }
    }

    private static void allocateStack(CodeBuilder c, ModuleBuilder.Ref state, ModuleBuilder.Ref sp, ModuleBuilder.Ref realloc) {
        c.globalGet(state).i32Const(UNALLOCATED).op(Opcodes.I32_EQ).blockEmpty(Opcodes.IF)
                .i32Const(ALLOCATING).globalSet(state)
                .i32Const(0).i32Const(0).i32Const(8).i32Const(STACK_SIZE).call(realloc)
                .i32Const(STACK_SIZE).op(Opcodes.I32_ADD).globalSet(sp)
                .i32Const(ALLOCATED).globalSet(state)
                .end();
    }

    /** Whether a custom section is component metadata that the final component must not carry inside modules. */
    static boolean isMetadata(CustomSection c) {
        return c.name().equals("component-type") || c.name().startsWith("component-type:");
    }
}
