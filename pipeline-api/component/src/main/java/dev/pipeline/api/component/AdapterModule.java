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
import dev.pipeline.api.wasm.IndexRemapper;
import dev.pipeline.api.wasm.ValType;
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

    /** Rewrites {@code adapter} in place for a main module that imports {@code usedExports} and exports a realloc. */
    public static void prepare(Module adapter, Set<String> usedExports) {
        prepare(adapter, usedExports, true);
    }

    /**
     * Rewrites {@code adapter} in place for a main module that imports {@code usedExports} from it. When the main
     * module exports no {@code cabi_realloc}, the adapter gets its own page allocator (memory.grow) instead, and
     * allocates its stack in a start function rather than lazily.
     */
    public static void prepare(Module adapter, Set<String> usedExports, boolean mainHasRealloc) {
        for (String name : usedExports) {
            Export e = adapter.export(name).orElseThrow(() -> new PipelineException(
                    "the main module imports wasi_snapshot_preview1." + name + ", which the adapter does not export"));
            if (e.kind() != ExternalKind.FUNC) throw new PipelineException("adapter export " + name + " is not a function");
        }
        adapter.exports.removeIf(e -> !usedExports.contains(e.name()) && !e.name().equals("cabi_import_realloc")
                && !e.name().equals("cabi_export_realloc"));
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

        if (realloc >= 0 && !mainHasRealloc) {
            realloc = replaceReallocImport(adapter, realloc);
            adapter.customSections.removeIf(c -> c.name().equals("name"));
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
        if (!mainHasRealloc) {
            // no realloc of the main module to defer to: allocate the stack once, when the adapter starts
            if (adapter.start != null) throw new PipelineException("the adapter already has a start function");
            b.start(allocate);
            b.build();
            return;
        }
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

    /**
     * Replaces the adapter's {@code __main_module__.cabi_realloc} import (function {@code importIndex}) with a local
     * allocator that hands out fresh pages via {@code memory.grow}; returns the new function's index.
     */
    private static int replaceReallocImport(Module adapter, int importIndex) {
        int total = adapter.functionCount();
        int local = total - 1;
        FuncType type = adapter.functionType(importIndex);
        int position = 0;
        for (int i = 0, f = 0; i < adapter.imports.size(); i++) {
            if (adapter.imports.get(i).kind() != ExternalKind.FUNC) continue;
            if (f++ == importIndex) position = i;
        }
        adapter.imports.remove(position);
        new IndexRemapper(i -> i == importIndex ? local : i < importIndex ? i : i - 1, i -> i).apply(adapter);
        ModuleBuilder b = new ModuleBuilder(adapter);
        ModuleBuilder.Ref memory = b.existing(ExternalKind.MEMORY, 0);
        ModuleBuilder.Ref allocator = b.function(type, c -> pageAllocator(c));
        b.build();
        if (allocator.index() != local) throw new IllegalStateException("allocator index " + allocator.index() + " != " + local);
        if (memory.index() != 0) throw new PipelineException("the adapter must use memory 0");
        return local;
    }

    /** {@code cabi_realloc(old, old_size, align, new_size)} that only accepts fresh one-page requests. */
    private static void pageAllocator(CodeBuilder c) {
        c.locals(1, ValType.I32);
        for (int[] check : new int[][]{{0, 0}, {1, 0}, {3, STACK_SIZE}}) {
            c.i32Const(check[1]).localGet(check[0]).op(I32_NE).blockEmpty(Opcodes.IF).unreachable().end();
        }
        c.i32Const(1).op(Opcodes.MEMORY_GROW).raw(new byte[]{0}).localTee(4)
                .i32Const(-1).op(Opcodes.I32_EQ).blockEmpty(Opcodes.IF).unreachable().end()
                .localGet(4).i32Const(16).op(I32_SHL);
    }

    private static final int I32_NE = 0x47, I32_SHL = 0x74;

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
