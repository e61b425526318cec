package dev.pipeline.api.world;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.wit.WorldItem;

/** An interface both imported and exported by a world: the export side gets types and resources of its own. */
class ImportedAndExportedInterfaceTest {
    private static final String WIT = """
            package test:echo;

            interface echoes {
                resource thing {
                    constructor(v: u32);
                    baz: static func(a: thing, b: borrow<thing>) -> thing;
                }
                record pair { a: u32, t: list<thing> }
                swap: func(p: pair) -> pair;
            }

            interface other {
                use echoes.{pair};
                take: func(p: pair);
            }

            world tests {
                import echoes;
                export echoes;
                export other;
            }
            """;

    @Test
    void theExportSideHasItsOwnTypes() {
        Resolve resolve = WitLoader.parse("echo.wit", WIT);
        WorldView view = new WorldView(resolve, resolve.selectWorld("tests"));
        assertEquals(2, view.resources().size(), "the imported and the exported thing are distinct resources");
        int importedId = view.importedInterfaces().keySet().iterator().next();
        int exportedId = view.exportedInterfaces().entrySet().stream().filter(e -> e.getValue().equals("test:echo/echoes"))
                .findFirst().orElseThrow().getKey();
        assertNotEquals(importedId, exportedId);
        Resolve r = view.resolve();
        assertEquals(r.interfaceName(importedId), r.interfaceName(exportedId));
        TypeDef pair = r.type(r.iface(exportedId).types().get("pair"));
        assertEquals(new TypeOwner.OfInterface(exportedId), pair.owner());
        WitType list = ((TypeDefKind.RecordDef) pair.kind()).fields().get(1).type();
        int thing = r.iface(exportedId).types().get("thing");
        assertEquals(new WitType.ListType(new WitType.HandleType(false, thing)), list);
        assertNotEquals(r.iface(importedId).types().get("thing"), thing);
        // an exported interface that uses its types uses the exported side's (as wit-parser resolves export deps)
        int other = view.exportedInterfaces().entrySet().stream().filter(e -> e.getValue().equals("test:echo/other"))
                .findFirst().orElseThrow().getKey();
        TypeDef usedPair = r.type(r.iface(other).types().get("pair"));
        assertEquals(new WitType.TypeRef(r.iface(exportedId).types().get("pair")), ((TypeDefKind.AliasDef) usedPair.kind()).target());
        // the original model is unchanged, and a world without such an interface is left as it is
        assertEquals(0, resolve.selectWorld("tests").exports().values().stream()
                .filter(i -> i instanceof WorldItem.InterfaceItem ii && ii.interfaceId() == exportedId).count());
        Resolve plain = WitLoader.parse("p.wit", "package a:b;\ninterface i { f: func(); }\nworld w { import i; }\n");
        assertSame(plain, plain.withDistinctExports(plain.selectWorld("w").id()));
    }
}
