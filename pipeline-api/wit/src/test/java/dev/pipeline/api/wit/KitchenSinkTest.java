package dev.pipeline.api.wit;

import dev.pipeline.api.wit.text.WitJson;
import dev.pipeline.api.wit.text.WitPrinter;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.diag.PipelineException;

/** A hand-written package using every WIT construct: several files, deps/, nested packages, gates, includes. */
class KitchenSinkTest {
    private static Path dir() throws URISyntaxException {
        return Path.of(KitchenSinkTest.class.getResource("/wit/valid/kitchen").toURI());
    }

    private final Resolve resolve;
    private final WitInterface types;

    KitchenSinkTest() throws URISyntaxException {
        resolve = WitLoader.load(dir());
        types = resolve.iface(resolve.rootPackage().interfaces().get("types"));
    }

    private TypeDef type(String name) {
        return resolve.type(types.types().get(name));
    }

    @Test
    void packagesFromFilesDepsAndNestedBlocks() {
        assertEquals("demo:kitchen@1.2.0", resolve.rootPackage().name().toString());
        assertEquals(List.of("demo:dep@0.1.0", "demo:nested@2.0.0", "demo:kitchen@1.2.0"),
                resolve.packages().stream().map(p -> p.name().toString()).toList());
        assertEquals(Set.of("types", "api"), resolve.rootPackage().interfaces().keySet());
        assertEquals("The kitchen sink: every kind of WIT item in one package.", resolve.rootPackage().docs());
        assertEquals("A package defined inline.", resolve.packages().get(1).docs());
    }

    @Test
    void typeKindsAndDocs() {
        TypeDefKind.RecordDef person = (TypeDefKind.RecordDef) type("person").kind();
        assertEquals("A person.", type("person").docs());
        assertEquals("Their name.", person.fields().get(0).docs());
        assertEquals(List.of("name", "age", "tags", "pos"), person.fields().stream().map(TypeDefKind.Field::name).toList());
        assertInstanceOf(TypeDefKind.VariantDef.class, type("filter").kind());
        assertInstanceOf(TypeDefKind.EnumDef.class, type("color").kind());
        assertInstanceOf(TypeDefKind.FlagsDef.class, type("perms").kind());
        assertInstanceOf(TypeDefKind.ResourceDef.class, type("blob").kind());
        assertEquals("A blob of bytes.", type("blob").docs());
        assertEquals(new WitType.ResultType(null, new WitType.TypeRef(types.types().get("color"))),
                ((TypeDefKind.AliasDef) type("just-err").kind()).target());
        assertEquals(new WitType.ResultType(null, null), ((TypeDefKind.AliasDef) type("nothing").kind()).target());
        assertEquals(new WitType.FixedListType(WitType.Primitive.U8, 4), ((TypeDefKind.AliasDef) type("fixed").kind()).target());
        assertEquals(new WitType.FutureType(null), ((TypeDefKind.AliasDef) type("bare-fut").kind()).target());
        assertEquals(new WitType.ErrorContextType(), ((TypeDefKind.AliasDef) type("err").kind()).target());
        assertEquals(new WitType.MapType(WitType.Primitive.STRING, WitType.Primitive.U32),
                ((TypeDefKind.AliasDef) type("dict").kind()).target());
    }

    @Test
    void useWithRenameAcrossPackages() {
        TypeDef pt = type("pt");
        TypeDef point = resolve.dealiasDef(pt.id());
        assertEquals("point", point.name());
        assertEquals("demo:dep/shapes@0.1.0", resolve.interfaceName(((TypeOwner.OfInterface) point.owner()).interfaceId()));
    }

    @Test
    void resourceFunctions() {
        int blob = types.types().get("blob");
        List<WitFunction> fns = resolve.resourceFunctions(blob);
        assertEquals(List.of("[constructor]blob", "[method]blob.write", "[method]blob.read", "[static]blob.merge",
                "[method]blob.fetch"), fns.stream().map(resolve::functionName).toList());
        assertEquals(new WitType.HandleType(false, blob), fns.get(0).result());
        assertEquals("self", fns.get(1).params().get(0).name());
        assertTrue(fns.get(4).async());
        WitFunction fallible = types.functions().get("[constructor]fallible");
        assertInstanceOf(WitType.ResultType.class, fallible.result());
        WitFunction keyword = types.functions().get("type");
        assertEquals("enum", keyword.params().get(0).name());
    }

    @Test
    void gates() {
        assertEquals(new Stability.Stable("1.1.0", null), types.functions().get("newer").stability());
        assertEquals(new Stability.Stable("1.0.0", "1.2.0"), types.functions().get("old").stability());
        assertFalse(types.functions().containsKey("experimental-fn"));
        Resolve withFeature = assertDoesNotThrow(() -> WitLoader.load(dir(), Set.of("experimental"), false));
        WitInterface t = withFeature.iface(withFeature.rootPackage().interfaces().get("types"));
        assertEquals(new Stability.Unstable("experimental", null), t.functions().get("experimental-fn").stability());
    }

    @Test
    void worldIsElaborated() {
        WitWorld app = resolve.selectWorld("app");
        assertEquals("The main world.", app.docs());
        List<String> imports = List.copyOf(app.imports().keySet());
        assertEquals(List.of("demo:dep/shapes@0.1.0", "demo:kitchen/types@1.2.0", "demo:kitchen/api@1.2.0",
                "named", "demo:nested/util@2.0.0", "inline", "person", "local", "lookup", "print"), imports);
        assertEquals(List.of("run", "demo:kitchen/types@1.2.0", "handler"), List.copyOf(app.exports().keySet()));
        WorldItem.FunctionItem print = (WorldItem.FunctionItem) app.imports().get("print");
        assertEquals("print", print.function().name());
        WorldItem.InterfaceItem named = (WorldItem.InterfaceItem) app.imports().get("named");
        assertEquals("named", named.plainName());
        WorldItem.InterfaceItem inline = (WorldItem.InterfaceItem) app.imports().get("inline");
        assertNull(resolve.iface(inline.interfaceId()).name());
    }

    @Test
    void defaultWorldNeedsAChoiceHere() {
        var e = assertThrows(PipelineException.class, () -> resolve.selectWorld(null));
        assertTrue(e.diagnostic().hint().contains("base, app"), e.diagnostic().render());
    }

    @Test
    void printsAndReparsesToTheSameModel() {
        for (Resolve r : List.of(resolve, WitLoader.load(assertDoesNotThrow(KitchenSinkTest::dir), Set.of(), true))) {
            String printed = WitPrinter.print(r);
            Resolve again = WitLoader.parse("printed.wit", printed, Map.of(), Set.of(), true);
            assertEquals(WitJson.write(r), WitJson.write(again), printed);
            WitWorld app = r.selectWorld("app");
            Resolve world = WitLoader.parse("world.wit", WitPrinter.printWorld(r, app.id()), Map.of(), Set.of(), true);
            assertEquals(WitJson.writeWorld(r, app), WitJson.writeWorld(world, world.selectWorld("app")));
        }
    }

    @Test
    void worldLevelResourceWithFunctions() {
        Resolve r = WitLoader.parse("w.wit", "package t:x; world w { resource r { constructor(); m: func() -> u32; } "
                + "export run: func(x: borrow<r>); }");
        WitWorld w = r.selectWorld("w");
        assertEquals(List.of("r", "[constructor]r", "[method]r.m"), List.copyOf(w.imports().keySet()));
        int rid = ((WorldItem.TypeItem) w.imports().get("r")).typeId();
        assertEquals(2, r.resourceFunctions(rid).size());
        Resolve again = WitLoader.parse("p.wit", WitPrinter.print(r));
        assertEquals(WitJson.write(r), WitJson.write(again));
    }

    @Test
    void includedWorldTypesBelongToTheIncludingWorld() {
        Resolve r = WitLoader.parse("w.wit", "package t:x; interface a { type t = u8; } "
                + "world base { use a.{t}; record pair { x: t, y: t } resource res { m: func() -> pair; } "
                + "import f: func(p: pair) -> t; } world w { include base with { f as g } export h: func(p: u8); }");
        WitWorld w = r.selectWorld("w");
        assertEquals(List.of("t:x/a@", "t", "pair", "res", "g", "[method]res.m"),
                w.imports().keySet().stream().map(k -> k.startsWith("t:x/a") ? "t:x/a@" : k).toList());
        int pair = ((WorldItem.TypeItem) w.imports().get("pair")).typeId();
        assertEquals(new TypeOwner.OfWorld(w.id()), r.type(pair).owner());
        WitFunction g = ((WorldItem.FunctionItem) w.imports().get("g")).function();
        assertEquals(new WitType.TypeRef(pair), g.params().get(0).type());
        assertEquals(1, r.resourceFunctions(((WorldItem.TypeItem) w.imports().get("res")).typeId()).size());
        Resolve again = WitLoader.parse("p.wit", WitPrinter.print(r));
        assertEquals(WitJson.write(r), WitJson.write(again));
    }

    @Test
    void identicalCopiesOfAPackageAreOneDifferentCopiesAnError() {
        String dep = "package t:dep@1.0.0;\ninterface i { type t = u8; }\n";
        String copy = "// a vendored copy\npackage t:dep@1.0.0 {\n  interface i {\n    type t = u8;\n  }\n}\n";
        String root = "package t:root;\nworld w { import t:dep/i@1.0.0; }\n";
        Resolve r = WitLoader.parse("root.wit", root, Map.of("dep.wit", dep, "copy.wit", copy), Set.of(), false);
        assertEquals(2, r.packages().size());
        var e = assertThrows(PipelineException.class, () -> WitLoader.parse("root.wit", root,
                Map.of("dep.wit", dep, "copy.wit", copy.replace("u8", "u16")), Set.of(), false));
        assertTrue(e.diagnostic().message().contains("defined more than once, with different contents"), e.diagnostic().render());
    }
}
