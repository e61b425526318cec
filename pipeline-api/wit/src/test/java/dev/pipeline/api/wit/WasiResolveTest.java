package dev.pipeline.api.wit;

import dev.pipeline.api.wit.text.WitJson;
import dev.pipeline.api.wit.text.WitPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.diag.PipelineException;

/** The WASI 0.2 packages from jco resolve, and print/re-parse to the same model. */
class WasiResolveTest {
    @TempDir
    Path tmp;

    static List<String> packages() {
        return WasiFixtures.PACKAGES;
    }

    @ParameterizedTest
    @MethodSource("packages")
    void eachPackageResolvesAndRoundTrips(String name) throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", name));
        assertEquals("wasi:" + name + "@0.2.12", r.rootPackage().name().toString());
        assertFalse(r.rootPackage().interfaces().isEmpty() && r.rootPackage().worlds().isEmpty());
        String printed = WitPrinter.print(r);
        Resolve again = WitLoader.parse("printed.wit", printed);
        assertEquals(WitJson.write(r), WitJson.write(again), "print then parse changes the model");
        assertEquals(printed, WitPrinter.print(again));
    }

    @ParameterizedTest
    @MethodSource("packages")
    void eachWorldPrintsAloneAndReparses(String name) throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", name));
        for (int worldId : r.rootPackage().worlds().values()) {
            WitWorld world = r.world(worldId);
            Resolve again = WitLoader.parse("world.wit", WitPrinter.printWorld(r, worldId));
            WitWorld reparsed = again.selectWorld(world.name());
            assertEquals(world.imports().keySet(), reparsed.imports().keySet(), world.name());
            assertEquals(world.exports().keySet(), reparsed.exports().keySet(), world.name());
            assertEquals(WitJson.writeWorld(r, world), WitJson.writeWorld(again, reparsed));
        }
    }

    @Test
    void httpProxyIsElaboratedWithEveryDependency() throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", "http"));
        WitWorld proxy = r.selectWorld("proxy");
        List<String> imports = List.copyOf(proxy.imports().keySet());
        assertEquals(List.of("wasi:http/incoming-handler@0.2.12"), List.copyOf(proxy.exports().keySet()));
        for (String needed : List.of("wasi:io/poll@0.2.12", "wasi:io/error@0.2.12", "wasi:io/streams@0.2.12",
                "wasi:clocks/monotonic-clock@0.2.12", "wasi:http/types@0.2.12", "wasi:http/outgoing-handler@0.2.12",
                "wasi:random/random@0.2.12", "wasi:cli/stdout@0.2.12")) {
            assertTrue(imports.contains(needed), needed + " missing from " + imports);
        }
        assertTrue(imports.indexOf("wasi:io/poll@0.2.12") < imports.indexOf("wasi:io/streams@0.2.12"));
        assertTrue(imports.indexOf("wasi:io/streams@0.2.12") < imports.indexOf("wasi:http/types@0.2.12"));
        assertEquals(imports.size(), Set.copyOf(imports).size());
    }

    @Test
    void useKeepsTypeIdentity() throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", "http"));
        int types = r.pkg(r.rootPackage().id()).interfaces().get("types");
        int alias = r.iface(types).types().get("input-stream");
        TypeDef original = r.dealiasDef(alias);
        assertNotEquals(alias, original.id());
        assertEquals("input-stream", original.name());
        assertEquals("wasi:io/streams@0.2.12", r.interfaceName(((TypeOwner.OfInterface) original.owner()).interfaceId()));
        assertInstanceOf(TypeDefKind.ResourceDef.class, original.kind());
        assertTrue(r.iface(types).uses().contains(((TypeOwner.OfInterface) original.owner()).interfaceId()));
    }

    @Test
    void worldsOfDependenciesByFullName() throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", "http"));
        assertEquals("command", r.selectWorld("wasi:cli/command@0.2.12").name());
        assertEquals("command", r.selectWorld("wasi:cli/command").name());
        assertThrows(PipelineException.class, () -> r.selectWorld("wasi:cli/command@0.2.0"));
    }

    @Test
    void cliCommandIncludesImportsWorld() throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", "cli"));
        WitWorld command = r.selectWorld("command");
        WitWorld imports = r.selectWorld("imports");
        assertTrue(command.imports().keySet().containsAll(imports.imports().keySet()));
        assertEquals(List.of("wasi:cli/run@0.2.12"), List.copyOf(command.exports().keySet()));
        assertTrue(command.imports().containsKey("wasi:filesystem/preopens@0.2.12"));
    }

    @Test
    void topologicalOrderPutsDefinitionsFirst() throws Exception {
        Resolve r = WitLoader.load(WasiFixtures.layout(tmp, "0.2.12", "http"));
        List<Integer> order = r.typesInTopologicalOrder();
        assertEquals(r.types().size(), order.size());
        int[] position = new int[order.size()];
        for (int i = 0; i < order.size(); i++) position[order.get(i)] = i;
        for (TypeDef def : r.types()) {
            if (def.kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof WitType.TypeRef ref) {
                assertTrue(position[ref.id()] < position[def.id()], def.name());
            }
        }
    }

    @Test
    void wasi030WithAsyncAndUnstableFeatures() throws Exception {
        Path dir = WasiFixtures.layout(tmp, "0.3.0", "http");
        Resolve plain = WitLoader.load(dir);
        Resolve all = WitLoader.load(dir, Set.of(), true);
        assertTrue(all.types().size() >= plain.types().size());
        boolean anyAsync = all.interfaces().stream().flatMap(i -> i.functions().values().stream()).anyMatch(WitFunction::async);
        assertTrue(anyAsync, "0.3.0 has async functions");
        Resolve again = WitLoader.parse("printed.wit", WitPrinter.print(all), java.util.Map.of(), Set.of(), true);
        assertEquals(WitJson.write(all), WitJson.write(again));
    }
}
