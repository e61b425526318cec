package dev.pipeline.api.world;

import dev.pipeline.api.component.Component;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.DataSegment;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.GlobalType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** End to end: a hand-built core module carrying our hello world type becomes a component that jco runs. */
class HelloComponentTest {
    private static final int I32_AND = 0x71;
    /** Where greet's (ptr, len) return area and the "hi" bytes sit in memory. */
    private static final int RETURN_AREA = 8, GREETING = 16, HEAP_START = 1024;

    /**
     * The core module of the hello world: {@code greet(ptr, len) -> ret-area} logs its argument through the
     * {@code $root.log} import and returns a pointer to a static ("hi" pointer, 2) pair; a bump {@code cabi_realloc}.
     */
    static Module helloCore(WorldEncoding.World world) {
        ModuleBuilder b = new ModuleBuilder();
        FuncType twoI32 = FuncType.of(List.of(ValType.I32, ValType.I32), List.of());
        ModuleBuilder.Ref log = b.importFunction("$root", "log", twoI32);
        ModuleBuilder.Ref memory = b.memory(Limits.of(1, null));
        ModuleBuilder.Ref heap = b.global(new GlobalType(ValType.I32, true), ConstExpr.i32(HEAP_START));
        ModuleBuilder.Ref greet = b.function(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                c -> c.localGet(0).localGet(1).call(log).i32Const(RETURN_AREA));
        // cabi_realloc(old, old_size, align, new_size): hand out heap, advance it by new_size rounded up to 8
        ModuleBuilder.Ref realloc = b.function(
                FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                c -> c.globalGet(heap)
                        .globalGet(heap).localGet(3).op(Opcodes.I32_ADD).i32Const(7).op(Opcodes.I32_ADD)
                        .i32Const(-8).op(I32_AND).globalSet(heap));
        ModuleBuilder.Ref postGreet = b.function(FuncType.of(List.of(ValType.I32), List.of()), c -> {});
        byte[] returnArea = new byte[8];
        returnArea[0] = GREETING;
        returnArea[4] = 2;
        b.data(DataSegment.active(0, ConstExpr.i32(RETURN_AREA), returnArea));
        b.data(DataSegment.active(0, ConstExpr.i32(GREETING), "hi".getBytes(StandardCharsets.UTF_8)));
        b.export("memory", memory).export("greet", greet).export("cabi_realloc", realloc)
                .export("cabi_post_greet", postGreet);
        b.custom(WorldEncoding.sectionName(world), WorldEncoding.customSection(world));
        return b.build();
    }

    @Test
    void componentNewAcceptsOurWorldTypeAndJcoRunsTheComponent() {
        Resolve resolve = WitLoader.parse("hello.wit", WorldCorpus.HELLO);
        WorldEncoding.World world = WorldTypeEncoder.encode(resolve, resolve.selectWorld("hello"));
        assertEquals("component-type:hello", WorldEncoding.sectionName(world));
        Component component = ComponentNew.build(helloCore(world), null);
        byte[] bytes = ComponentEncoder.encode(component);
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(bytes);
            assertTrue(wit.contains("import log: func(message: string);"), wit);
            assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
            String out = jco.transpileAndRun(bytes, "hello", Map.of("log", "./host.js"),
                    Map.of("host.js", "export function log(message) { console.log('log: ' + message); }\n"
                            + "export default log;\n"),
                    "console.log('greet: ' + component.greet('world'));\n");
            assertTrue(out.contains("log: world"), out);
            assertTrue(out.contains("greet: hi"), out);
        }
    }
}
