package dev.pipeline.api.wasm;

import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModuleBuilderTest {

    private static final FuncType I32_I32 = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));

    @Test
    void buildsAModuleThatNodeValidatesAndRuns() {
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref counter = b.global(new GlobalType(ValType.I32, true), ConstExpr.i32(40));
        // a function defined before the helper it calls: the builder resolves the forward reference
        ModuleBuilder.Ref[] helper = new ModuleBuilder.Ref[1];
        ModuleBuilder.Ref table = b.table(TableType.of(ValType.FUNCREF, Limits.of(1, 1L)));
        helper[0] = b.function(I32_I32, c -> c.localGet(0).globalGet(counter).op(Opcodes.I32_ADD));
        ModuleBuilder.Ref viaTable = b.function(I32_I32, c -> c.localGet(0).i32Const(0).callIndirect(b.type(I32_I32), table));
        ModuleBuilder.Ref main = b.function(I32_I32, c -> c.localGet(0).call(viaTable).i32Const(2).op(Opcodes.I32_ADD));
        b.elements(table, 0, List.of(helper[0]));
        b.export("main", main).export("memory", b.memory(Limits.of(1, null)));
        b.custom("producers-test", new byte[]{1, 2, 3});
        byte[] bytes = b.toBytes();
        assertArrayEquals(bytes, ModuleWriter.write(ModuleReader.read(bytes, "built")));
        try (JcoOracle jco = new JcoOracle()) {
            assertEquals("ok", jco.validateCore(bytes));
            assertEquals("43", jco.callCore(bytes, "main", 1));
        }
    }

    @Test
    void importsAddedToAnExistingModuleShiftItsFunctionsAndCodeIsRewritten() {
        ModuleBuilder first = new ModuleBuilder();
        ModuleBuilder.Ref g = first.global(new GlobalType(ValType.I32, false), ConstExpr.i32(5));
        ModuleBuilder.Ref inc = first.function(I32_I32, c -> c.localGet(0).globalGet(g).op(Opcodes.I32_ADD));
        ModuleBuilder.Ref twice = first.function(I32_I32, c -> c.localGet(0).call(inc).call(inc));
        first.export("twice", twice);
        Module m = ModuleReader.read(first.toBytes(), "first");

        ModuleBuilder second = new ModuleBuilder(m);
        ModuleBuilder.Ref imported = second.importFunction("env", "ignored", FuncType.of(List.of(), List.of()));
        ModuleBuilder.Ref importedGlobal = second.importGlobal("env", "g", new GlobalType(ValType.I32, false));
        ModuleBuilder.Ref oldTwice = second.exported("twice");
        ModuleBuilder.Ref thrice = second.function(I32_I32, c -> c.localGet(0).call(oldTwice).call(second.existing(ExternalKind.FUNC, 0)));
        second.export("thrice", thrice);
        Module built = second.build();
        assertEquals(0, imported.index());
        assertEquals(0, importedGlobal.index());
        assertEquals(2, oldTwice.index());
        assertEquals(3, thrice.index());
        assertEquals(2, built.export("twice").orElseThrow().index());
        // the old `inc` body now reads global 1 (the defined global moved behind the import)
        InstructionReader r = built.code.get(0).instructions("inc");
        r.next();
        assertEquals(Opcodes.GLOBAL_GET, r.next());
        assertEquals(1, r.immediate());
        byte[] bytes = ModuleWriter.write(built);
        try (JcoOracle jco = new JcoOracle()) {
            assertEquals("ok", jco.validateCore(bytes));
        }
    }
}
