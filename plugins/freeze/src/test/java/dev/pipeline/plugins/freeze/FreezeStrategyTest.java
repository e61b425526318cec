package dev.pipeline.plugins.freeze;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.image.ModuleImage;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.pipeline.api.testing.FolderStageContext;
import dev.pipeline.api.testing.TestTools;

/** The packaging strategies against the real runtime kit: import DAG, include/exclude, source vs bytecode. */
class FreezeStrategyTest {
    static Path kit;
    @TempDir Path dir;

    @BeforeAll
    static void findKit() throws Exception {
        kit = TestTools.kit();
    }

    private Path bindings() throws IOException {
        Path b = dir.resolve("bindings");
        Files.createDirectories(b.resolve("python"));
        Files.write(b.resolve("descriptor.bin"), new byte[] {'P', 'L', 'D', 'T', 1, 0, 0, 0});
        Files.writeString(b.resolve("python/helper_mod.py"), "import dataclasses\n");
        Files.writeString(b.resolve("entries.txt"), "helper_mod\n");
        return b;
    }

    private Path app(String source) throws IOException {
        Path a = dir.resolve("app");
        Files.createDirectories(a.resolve("pkg"));
        Files.writeString(a.resolve("app.py"), source);
        Files.writeString(a.resolve("pkg/__init__.py"), "from . import sub\n");
        Files.writeString(a.resolve("pkg/sub.py"), "import json\nVALUE = 1\n");
        return a;
    }

    private ModuleImage run(PackagingStrategy s, Path appDir, Map<String, Object> config) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out-" + System.nanoTime()));
        Path scratch = Files.createDirectories(dir.resolve("scratch-" + System.nanoTime()));
        ConfigTable table = FolderStageContext.config(s, config);
        Path bindings = bindings();
        AppSpec spec = new AppSpec(appDir.resolve("recipe.toml"), "app", List.of(appDir), appDir, "w", appDir.resolve("out.wasm"));
        StageContext ctx = new FolderStageContext(spec, table, Map.of(Stage.BINDINGS, bindings), out, scratch, false);
        s.run(ctx);
        assertTrue(Files.isRegularFile(out.resolve("modules.json")));
        return ModuleImage.decode(Files.readAllBytes(out.resolve("image.bin")));
    }

    private static Set<String> names(ModuleImage image) {
        return image.modules().stream().map(ModuleImage.Module::name).collect(Collectors.toSet());
    }

    private final RuntimeKit runtimeKit = new RuntimeKit() {
        public Path root() { return kit; }
        public Path runtime() { throw new UnsupportedOperationException("packaging does not use the runtime module"); }
        public Path adapter() { throw new UnsupportedOperationException("packaging does not use the adapter"); }
    };

    @Test
    void freezeShipsTheImportDagAsBytecode() throws Exception {
        Path a = app("import pkg\nimport importlib\n\ndef late():\n    import csv\n    return importlib.import_module('dec' + 'imal')\n");
        ModuleImage image = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of());
        Set<String> names = names(image);
        assertTrue(names.containsAll(Set.of("app", "pkg", "pkg.sub", "json", "json.decoder", "helper_mod", "dataclasses",
                "encodings", "encodings.utf_8", "traceback")), names.toString());
        assertFalse(names.contains("decimal"), "a computed import name is invisible to the DAG");
        assertTrue(names.contains("csv"), "the app's lazy imports inside functions are followed");
        assertFalse(names.contains("os"), "modules CPython already freezes are not shipped twice");
        assertFalse(names.contains("tkinter") || names.contains("unittest"), "the stdlib is trimmed");
        assertEquals("app", image.appModule());
        assertArrayEquals(new byte[] {'P', 'L', 'D', 'T', 1, 0, 0, 0}, image.descriptor());
        ModuleImage.Module pkg = image.modules().stream().filter(m -> m.name().equals("pkg")).findFirst().orElseThrow();
        assertTrue(pkg.isPackage());
        ModuleImage.Module appMod = image.modules().stream().filter(m -> m.name().equals("app")).findFirst().orElseThrow();
        assertFalse(appMod.isSource());
        assertEquals(0xe3, appMod.data()[0] & 0xff, "marshalled code object (TYPE_CODE with the ref flag)");
    }

    @Test
    void includeAddsDynamicImportsAndTheirDependencies() throws Exception {
        Path a = app("import importlib\nM = importlib.import_module('dec' + 'imal')\n");
        ModuleImage image = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of("include", List.of("decimal", "email.mime.*")));
        Set<String> names = names(image);
        assertTrue(names.contains("decimal") && names.contains("email.mime.text") && names.contains("email.mime.base"), names.toString());
    }

    @Test
    void stdlibImportsInsideFunctionsOnCommonPathsAreKept() throws Exception {
        Path a = app("import argparse\nimport datetime\n");
        Set<String> names = names(run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of()));
        assertTrue(names.contains("gettext") && names.contains("locale"), "argparse -> gettext -> (lazily) locale: " + names);
        assertTrue(names.contains("shutil"), "argparse's help formatter imports shutil when a parser is made: " + names);
        assertTrue(names.contains("_strptime"), "datetime.strptime imports _strptime from C: " + names);
        assertFalse(names.contains("tarfile"), "other function-level stdlib imports stay out (shutil's archive helpers)");
    }

    @Test
    void literalDynamicImportsAreFollowed() throws Exception {
        Path a = app("import importlib\nM = importlib.import_module('decimal')\n");
        assertTrue(names(run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of())).contains("decimal"));
    }

    @Test
    void aListedModuleThatDoesNotExistIsABuildError() throws Exception {
        Path a = app("import pkg\n");
        PipelineException e = assertThrows(PipelineException.class,
                () -> run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of("include", List.of("no_such_module"))));
        assertTrue(e.getMessage().contains("include: module `no_such_module` does not exist"), e.getMessage());
        PipelineException p = assertThrows(PipelineException.class,
                () -> run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of("include", List.of("nomatch.*"))));
        assertTrue(p.getMessage().contains("include pattern `nomatch.*` matches no module"), p.getMessage());
    }

    @Test
    void excludeDropsModules() throws Exception {
        Path a = app("import pkg\n");
        ModuleImage image = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of("exclude", List.of("json.*")));
        Set<String> names = names(image);
        assertTrue(names.contains("json"));
        assertFalse(names.contains("json.decoder"), names.toString());
    }

    @Test
    void aSyntaxErrorInTheAppNamesFileAndLine() throws Exception {
        Path a = app("def broken(:\n    pass\n");
        PipelineException e = assertThrows(PipelineException.class, () -> run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of()));
        String shown = e.diagnostic().render();
        assertTrue(shown.matches("(?s).*app\\.py:1:\\d+: error: Python syntax error.*"), shown);
        assertTrue(shown.contains("    1 | def broken(:"), "the source line with a caret: " + shown);
    }

    @Test
    void sourceThatIsNotUtf8AndDeclaresNoEncodingIsRefusedLikeCPythonDoes() throws Exception {
        Path a = app("import pkg\n");
        // Latin-1 "é" in a comment: compile() of bytes would accept it, running the file would not
        Files.write(a.resolve("app.py"), "import pkg\n# caf\u00e9\nX = 1\n".getBytes(StandardCharsets.ISO_8859_1));
        for (PackagingStrategy s : List.of(new FreezeStrategy(Progress.SILENT, runtimeKit), new SourceStrategy(Progress.SILENT, runtimeKit))) {
            PipelineException e = assertThrows(PipelineException.class, () -> run(s, a, Map.of()));
            String shown = e.diagnostic().render();
            assertTrue(shown.matches("(?s).*app\\.py:2:6: error: Python syntax error: Non-UTF-8 code starting with '\\\\xe9', "
                    + "but no encoding declared; see https://peps.python.org/pep-0263/.*"), shown);
        }
        // the same bytes with an encoding declaration build
        Files.write(a.resolve("app.py"), "# -*- coding: latin-1 -*-\nimport pkg\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(names(run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of())).contains("app"));
    }

    @Test
    void sourceShipsTheAppAsTextAndTheStdlibAsBytecode() throws Exception {
        Path a = app("import pkg\n");
        ModuleImage image = run(new SourceStrategy(Progress.SILENT, runtimeKit), a, Map.of());
        ModuleImage.Module appMod = image.modules().stream().filter(m -> m.name().equals("app")).findFirst().orElseThrow();
        assertTrue(appMod.isSource());
        assertEquals("import pkg\n", new String(appMod.data(), StandardCharsets.UTF_8));
        ModuleImage.Module json = image.modules().stream().filter(m -> m.name().equals("json")).findFirst().orElseThrow();
        assertFalse(json.isSource());
    }

    @Test
    void identicalInputsGiveIdenticalImages() throws Exception {
        Path a = app("import pkg\n");
        byte[] first = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of()).encode();
        byte[] second = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of()).encode();
        assertArrayEquals(first, second);
    }

    @Test
    void wholeStdlibIsMuchLargerThanTheTrimmedOne() throws Exception {
        Path a = app("import pkg\n");
        int trimmed = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of()).encode().length;
        int all = run(new FreezeStrategy(Progress.SILENT, runtimeKit), a, Map.of("stdlib", "all")).encode().length;
        assertTrue(all > 3 * trimmed, "all " + all + " vs trimmed " + trimmed);
    }
}
