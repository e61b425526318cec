package dev.pipeline.jvmhost;

import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.ComponentWit;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldView;
import dev.pipeline.api.wit.Resolve;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The world printed from a component parses back into the resolved model with the same functions and core names. */
class WorldReadBackTest {
    @org.junit.jupiter.api.Test
    void keywordsUsedAsNamesReadBack() throws Exception {
        String wit = "package a:b;\ninterface i {\n  enum %enum { %list, b }\n  record r { %type: %enum }\n"
                + "  %record: func(%type: r) -> r;\n}\nworld w { export i; }\n";
        try (JcoOracle jco = new JcoOracle()) {
            byte[] component = ComponentEncoder.encode(ComponentNew.build(ModuleReader.read(jco.dummyModule(wit, "w"), "m"), null));
            String printed = ComponentWit.print(ComponentDecoder.decode(component, "c"));
            Resolve r = WitLoader.parse("c.wit", printed);
            WorldView view = new WorldView(r, r.selectWorld(null));
            assertEquals(List.of("a:b/i#record"), view.exports().stream().map(WorldFunction::coreExportName).toList(), printed);
        }
    }

    @ParameterizedTest
    @CsvSource({"kitchen/wit/kitchen.wit,kitchen", "resources/wit/res.wit,res", "orders/wit/orders.wit,orders"})
    void worldReadsBack(String file, String world) throws Exception {
        String wit = Files.readString(Path.of("../distro/src/test/resources").resolve(file));
        try (JcoOracle jco = new JcoOracle()) {
            byte[] module = jco.dummyModule(wit, world);
            byte[] component = ComponentEncoder.encode(ComponentNew.build(ModuleReader.read(module, "m"), null));
            String printed = ComponentWit.print(ComponentDecoder.decode(component, "c"));
            Resolve r = WitLoader.parse("c.wit", printed);
            WorldView view = new WorldView(r, r.selectWorld(null));
            Resolve original = WitLoader.parse("kitchen.wit", wit);
            WorldView expected = new WorldView(original, original.selectWorld(world));
            List<String> got = view.exports().stream().map(WorldFunction::coreExportName).toList();
            assertEquals(expected.resources().stream().map(x -> x.interfaceKey() + " " + x.name() + " " + x.exported()).toList(),
                    view.resources().stream().filter(x -> expected.resources().stream().anyMatch(y -> y.name().equals(x.name())))
                            .map(x -> x.interfaceKey() + " " + x.name() + " " + x.exported()).toList(), printed);
            assertEquals(expected.exports().stream().map(WorldFunction::coreExportName).toList(), got, printed);
            assertEquals(expected.imports().stream().map(f -> f.coreImportModule() + " " + f.name()).toList(),
                    view.imports().stream().map(f -> f.coreImportModule() + " " + f.name()).toList(), printed);
        }
    }
}
