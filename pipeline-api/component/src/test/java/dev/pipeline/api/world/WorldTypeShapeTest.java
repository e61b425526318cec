package dev.pipeline.api.world;

import dev.pipeline.api.component.Alias;
import dev.pipeline.api.component.Declarator;
import dev.pipeline.api.component.ExternName;
import dev.pipeline.api.component.ExternType;
import dev.pipeline.api.component.PrimitiveType;
import dev.pipeline.api.component.Sort;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.component.ValueType;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The shape of encoded world types, checked by hand (no external tools): the layout wit-component uses. */
class WorldTypeShapeTest {

    private static WorldEncoding.World encode(String wit, String world) {
        Resolve resolve = WitLoader.parse("test.wit", wit, Map.of(), Set.of(), true);
        return WorldTypeEncoder.encode(resolve, resolve.selectWorld(world));
    }

    private static DefType.Field param(String name, ValueType type) { return new DefType.Field(name, type); }

    @Test
    void helloIsTwoFunctionTypesImportedAndExportedByName() {
        WorldEncoding.World w = encode(WorldCorpus.HELLO, "hello");
        assertEquals("test:hello/hello@0.1.0", w.qualifiedName());
        assertEquals("hello", w.name());
        assertEquals(List.of(
                new Declarator.Type(new DefType.Func(List.of(param("message", PrimitiveType.STRING)), null)),
                new Declarator.Import(ExternName.of("log"), ExternType.func(0)),
                new Declarator.Type(new DefType.Func(List.of(param("name", PrimitiveType.STRING)), PrimitiveType.STRING)),
                new Declarator.Export(ExternName.of("greet"), ExternType.func(1))), w.type().declarators());
    }

    @Test
    void interfaceTypesAreExportedWithEqBoundsAndResourcesAsSubResource() {
        WorldEncoding.World w = encode("""
                package t:shapes@1.0.0;
                interface i {
                  record point { x: u32 }
                  resource r { constructor(p: point); }
                }
                world w { import i; }
                """, "w");
        DefType.InstanceType instance = (DefType.InstanceType) ((Declarator.Type) w.type().declarators().get(0)).def();
        assertEquals(List.of(
                new Declarator.Type(new DefType.Record(List.of(param("x", PrimitiveType.U32)))),
                new Declarator.Export(ExternName.of("point"), ExternType.typeEq(0)),
                new Declarator.Export(ExternName.of("r"), ExternType.resource()),
                new Declarator.Type(new DefType.Own(2)),
                new Declarator.Type(new DefType.Func(List.of(param("p", ValueType.ref(1))), ValueType.ref(3))),
                new Declarator.Export(ExternName.of("[constructor]r"), ExternType.func(4))), instance.declarators());
        assertEquals(new Declarator.Import(ExternName.of("t:shapes/i@1.0.0"), ExternType.instance(0)),
                w.type().declarators().get(1));
    }

    @Test
    void usedTypesComeThroughAWorldAliasAndAnOuterAlias() {
        WorldEncoding.World w = encode("""
                package t:uses;
                interface a { type id = u64; }
                interface b { use a.{id as key}; f: func(k: key); }
                world w { export b; }
                """, "w");
        List<Declarator> d = w.type().declarators();
        assertEquals(new Declarator.Import(ExternName.of("t:uses/a"), ExternType.instance(0)), d.get(1));
        assertEquals(new Declarator.AliasDecl(new Alias.InstanceExport(Sort.TYPE, 0, "id")), d.get(2));
        DefType.InstanceType b = (DefType.InstanceType) ((Declarator.Type) d.get(3)).def();
        assertEquals(new Declarator.AliasDecl(new Alias.Outer(Sort.TYPE, 1, 1)), b.declarators().get(0));
        assertEquals(new Declarator.Export(ExternName.of("key"), ExternType.typeEq(0)), b.declarators().get(1));
        assertEquals(new Declarator.Export(ExternName.of("t:uses/b"), ExternType.instance(2)), d.get(4));
    }

    @Test
    void anInterfaceImportedUnderAPlainNameCarriesItsOwnNameAsImplements() {
        WorldEncoding.World w = encode("""
                package t:named@0.2.0;
                interface store { get: func() -> string; }
                world w { import cache: store; import store; }
                """, "w");
        List<ExternName> names = w.type().declarators().stream()
                .filter(d -> d instanceof Declarator.Import).map(d -> ((Declarator.Import) d).name()).toList();
        assertEquals(List.of(new ExternName("cache", 2, "t:named/store@0.2.0", null, null),
                ExternName.of("t:named/store@0.2.0")), names);
    }

    @Test
    void worldTypesAreImportedAndFunctionSignaturesShared() {
        WorldEncoding.World w = encode("""
                package t:wt;
                world w {
                  type meters = f64;
                  import a: func(x: meters) -> list<u8>;
                  import b: func(x: meters) -> list<u8>;
                  export c: func() -> list<u8>;
                }
                """, "w");
        assertEquals(List.of(
                new Declarator.Type(new DefType.Primitive(PrimitiveType.F64)),
                new Declarator.Import(ExternName.of("meters"), ExternType.typeEq(0)),
                new Declarator.Type(new DefType.ListOf(PrimitiveType.U8, null)),
                new Declarator.Type(new DefType.Func(List.of(param("x", ValueType.ref(1))), ValueType.ref(2))),
                new Declarator.Import(ExternName.of("a"), ExternType.func(3)),
                new Declarator.Import(ExternName.of("b"), ExternType.func(3)),
                new Declarator.Type(new DefType.Func(List.of(), ValueType.ref(2))),
                new Declarator.Export(ExternName.of("c"), ExternType.func(4))), w.type().declarators());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "async function | export f: async func();                   | `f` uses async function, which is not supported yet",
            "future         | export f: func(x: future<u32>);           | `f` uses future, which is not supported yet",
            "stream         | export f: func() -> stream<u8>;           | `f` uses stream, which is not supported yet",
            "error-context  | import f: func(e: error-context);         | `f` uses error-context, which is not supported yet",
            "map            | import f: func(m: map<string, u32>);      | `f` uses map, which is not supported yet",
            "in interface   | import i: interface { record r { s: stream<u8> } }  | `r` of `i` uses stream, which is not supported yet",
            "method         | export j: interface { resource x { m: async func(); } } | `[method]x.m` of `j` uses async function, which is not supported yet",
    })
    void asyncAndItsTypesAreReportedAsNotSupportedYet(String what, String item, String message) {
        PipelineException e = assertThrows(PipelineException.class,
                () -> encode("package t:unsupported; world w { " + item + " }", "w"), what);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
