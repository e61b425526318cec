package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What {@link ComponentNew} says when the main module and its world do not fit together. */
class ComponentNewErrorsTest {

    static Module hello(boolean wasi) { return ModuleReader.read(TestComponents.helloCore(wasi), "hello"); }

    static String error(Module m) {
        return assertThrows(PipelineException.class, () -> ComponentNew.build(m, null)).getMessage();
    }

    @Test
    void theHelloModuleBuilds() {
        assertNotNull(ComponentNew.build(hello(false), null));
    }

    @Test
    void wasiImportsNeedTheAdapter() {
        String m = error(hello(true));
        assertTrue(m.contains("imports wasi_snapshot_preview1 but no adapter module was given") && m.contains("hint:"), m);
    }

    @Test
    void aWorldExportTheModuleDoesNotImplement() {
        Module m = hello(false);
        m.exports.removeIf(e -> e.name().equals("greet"));
        assertTrue(error(m).contains("no export `greet`"), error(m));
    }

    @Test
    void anImportTheWorldDoesNotHave() {
        Module m = hello(false);
        m.imports.add(Import.func("test:hello/host@0.1.0", "shout", m.internType(FuncType.of(List.of(ValType.I32), List.of()))));
        String msg = error(m);
        assertTrue(msg.contains("imports test:hello/host@0.1.0.shout") && msg.contains("has no function `shout`"), msg);
        Module other = hello(false);
        other.imports.add(Import.func("test:other/x", "f", 0));
        assertTrue(error(other).contains("the world imports no interface `test:other/x`"), error(other));
    }

    @Test
    void stringsNeedARealloc() {
        Module m = hello(false);
        m.exports.removeIf(e -> e.name().equals("cabi_realloc"));
        assertTrue(error(m).contains("must export cabi_realloc"), error(m));
    }

    @Test
    void noWorld() {
        Module m = hello(false);
        m.customSections.clear();
        assertTrue(error(m).contains("no component-type custom section"), error(m));
    }

    @Test
    void aWorldGivenDirectlyReplacesTheSection() {
        Module m = hello(false);
        m.customSections.clear();
        Component c = ComponentNew.build(m, TestWorlds.hello(), null);
        String wit = ComponentWit.print(c);
        assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        assertTrue(m.exports.stream().map(Export::name).anyMatch("add"::equals));
    }
}
