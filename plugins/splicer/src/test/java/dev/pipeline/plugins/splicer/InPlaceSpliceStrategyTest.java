package dev.pipeline.plugins.splicer;

import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.contract.SelectedWorld;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.testing.FolderStageContext;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wasm.ModuleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The splicer on its own: the runtime module and earlier stages' files in, a component of the world out. */
class InPlaceSpliceStrategyTest {
    private static final String WIT = """
            package example:hello;

            world hello {
              import log: func(message: string);
              export greet: func(name: string) -> string;
            }
            """;

    @TempDir Path dir;

    private final RuntimeKit kit = new RuntimeKit() {
        public Path root() { return TestTools.kit(); }
        public Path runtime() { return runtimeWasm(); }
        public Path adapter() { return TestTools.reactorAdapter(); }
    };

    private static Path runtimeWasm() {
        Path p = TestTools.runtime();
        return Files.isDirectory(p) ? p.resolve("runtime.wasm") : p;
    }

    private Path stage(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    /** Runs the splicer over a bindings folder with wit.json, a packaging image and an unchanged runtime. */
    private byte[] splice(boolean stubWasi, InitResult init) throws Exception {
        Path app = stage("app");
        Files.writeString(app.resolve("hello.wit"), WIT);
        Path bindings = stage("bindings");
        new SelectedWorld("example:hello/hello", List.of(), false).write(bindings);
        Path packaging = stage("packaging");
        Files.write(packaging.resolve("image.bin"), new byte[] {1, 2, 3, 4});
        Path initDir = stage("init");
        Files.copy(runtimeWasm(), initDir.resolve("runtime.wasm"));
        init.write(initDir);
        Path out = stage("out");
        AppSpec spec = new AppSpec(app.resolve("recipe.toml"), "app", List.of(app), app, "hello", app.resolve("out.wasm"),
                AppSpec.DEFAULT_WORLD_MODULE, stubWasi);
        InPlaceSpliceStrategy splicer = new InPlaceSpliceStrategy(Progress.SILENT, kit);
        splicer.run(new FolderStageContext(spec, FolderStageContext.config(splicer, Map.of()),
                Map.of(Stage.BINDINGS, bindings, Stage.PACKAGING, packaging, Stage.INIT, initDir), out, stage("scratch"), false));
        return Files.readAllBytes(out.resolve("component.wasm"));
    }

    @Test
    void theComponentHasExactlyTheWorldsImportsAndExports() throws Exception {
        byte[] component = splice(false, InitResult.notPreinitialised());
        assertTrue(ModuleReader.isComponent(component));
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(component);
            assertTrue(wit.contains("import log: func(message: string);"), wit);
            assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
            assertTrue(wit.contains("import wasi:"), "the adapter's WASI imports remain: " + wit);
        }
    }

    @Test
    void stubWasiLeavesNoWasiImport() throws Exception {
        byte[] component = splice(true, InitResult.notPreinitialised());
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(component);
            assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
            assertTrue(!wit.contains("wasi:"), "stub-wasi: " + wit);
        }
    }

    @Test
    void spliceIsReproducible() throws Exception {
        byte[] first = splice(false, InitResult.notPreinitialised());
        deleteAll();
        byte[] second = splice(false, InitResult.notPreinitialised());
        assertTrue(Arrays.equals(first, second), "identical inputs give identical bytes");
    }

    @Test
    void aMissingStageOutputIsNamed() throws Exception {
        Path out = stage("out");
        AppSpec spec = new AppSpec(dir.resolve("recipe.toml"), "app", List.of(dir), dir, "hello", dir.resolve("out.wasm"));
        InPlaceSpliceStrategy splicer = new InPlaceSpliceStrategy(Progress.SILENT, kit);
        PipelineException e = assertThrows(PipelineException.class, () -> splicer.run(new FolderStageContext(spec,
                FolderStageContext.config(splicer, Map.of()), Map.of(), out, stage("scratch"), false)));
        assertEquals("splice needs the bindings stage", e.diagnostic().message());
    }

    private void deleteAll() throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) if (!p.equals(dir)) Files.delete(p);
        }
    }
}
