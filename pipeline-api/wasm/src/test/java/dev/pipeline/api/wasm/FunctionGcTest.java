package dev.pipeline.api.wasm;

import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FunctionGcTest {

    @Test
    void unreachableCodeAndTheImportsOnlyItUsedGo() {
        FuncType v = FuncType.of(List.of(), List.of());
        FuncType i = FuncType.of(List.of(), List.of(ValType.I32));
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref unused = b.importFunction("env", "unused", v);
        ModuleBuilder.Ref used = b.importFunction("env", "used", i);
        ModuleBuilder.Ref dead = b.function(v, c -> c.call(unused));
        ModuleBuilder.Ref live = b.function(i, c -> c.call(used));
        b.export("live", live);
        Module m = b.build();
        // a name section naming every function, as toolchains write it
        WasmOutput names = new WasmOutput().u32(4);
        String[] n = {"unused", "used", "dead", "live"};
        for (int k = 0; k < 4; k++) names.u32(k).name(n[k]);
        m.customSections.add(new CustomSection("name",
                new WasmOutput().u8(NameSection.FUNCTIONS).sized(names).toByteArray(), SectionId.DATA));
        assertEquals(List.of(0, 1, 2, 3), List.of(unused.index(), used.index(), dead.index(), live.index()));

        assertEquals(1, FunctionGc.collect(m, imp -> false));
        assertEquals(List.of("used"), m.imports.stream().map(Import::name).toList());
        assertEquals(2, m.export("live").orElseThrow().index(), "live moved down by one");
        assertArrayEquals(new byte[]{0x00, 0x00, 0x0b}, m.code.get(0).bytes(), "dead code traps");
        Map<Integer, String> kept = NameSection.read(m.customSection("name").orElseThrow().data()).names(NameSection.FUNCTIONS);
        assertEquals(Map.of(0, "used", 1, "dead", 2, "live"), kept);
        ModuleValidator.check(m, "gc");
        try (JcoOracle jco = new JcoOracle()) {
            assertEquals("ok", jco.validateCore(ModuleWriter.write(m)));
        }
    }
}
