package dev.pipeline.api.component;

import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wasm.SectionId;
import dev.pipeline.api.wasm.ValType;

import java.util.List;

/** Components built in-process (no compiler needed) for tests that only need valid structure. */
public final class TestComponents {
    private TestComponents() {}

    /** A component of the {@link TestWorlds#hello()} world whose core functions trap. */
    public static byte[] hello() {
        return ComponentNew.encode(core(false), null);
    }

    /**
     * The core module behind {@link #hello()}, with its world in a custom section; this variant also imports
     * {@code wasi_snapshot_preview1.fd_write}, so it needs the WASI adapter.
     */
    public static byte[] helloCore() { return core(true); }

    /** The core module behind {@link #hello()}, importing WASI preview1 only when {@code wasi} is set. */
    public static byte[] helloCore(boolean wasi) { return core(wasi); }

    private static byte[] core(boolean wasi) {
        ModuleBuilder b = new ModuleBuilder();
        b.importFunction("test:hello/host@0.1.0", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()));
        if (wasi) {
            b.importFunction(ComponentNew.ADAPTER_NAME, "fd_write", FuncType.of(
                    List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)));
        }
        FuncType i32x2ToI32 = FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
        b.export("memory", b.memory(Limits.of(1, null)));
        b.export("cabi_realloc", b.function(FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                List.of(ValType.I32)), c -> c.unreachable()));
        b.export("greet", b.function(i32x2ToI32, c -> c.unreachable()));
        b.export("cabi_post_greet", b.function(FuncType.of(List.of(ValType.I32), List.of()), c -> c.unreachable()));
        b.export("add", b.function(i32x2ToI32, c -> c.localGet(0).localGet(1).op(0x6a)));
        b.export("_initialize", b.function(FuncType.of(List.of(), List.of()), c -> { }));
        WorldEncoding.World w = TestWorlds.hello();
        b.module().customSections.add(new CustomSection(WorldEncoding.sectionName(w), WorldEncoding.customSection(w), SectionId.DATA));
        return ModuleWriter.write(b.build());
    }
}
