package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiling extension modules with the real kit: collisions renamed, missing init functions and C errors reported. */
class ExtensionBuilderTest {
    @TempDir Path dir;
    private final List<String> log = new ArrayList<>();

    private ExtensionBuilder builder() {
        Path runtime = TestTools.runtime();
        Path kit = TestTools.kit();
        Progress progress = new Progress() {
            @Override public void status(String message) { log.add(message); }
            @Override public void advance(String what, long done, long total) {}
        };
        return new ExtensionBuilder(new Toolchain(runtime, kit), dir.resolve("cache"), runtime, kit, progress,
                () -> { throw new AssertionError("no Cython needed"); });
    }

    private ModuleSpec module(String name, String file, String code) throws IOException {
        Path c = dir.resolve(name.replace('.', '/')).resolve(file);
        Files.createDirectories(c.getParent());
        Files.writeString(c, code);
        SourcePosition at = SourcePosition.of("recipe.toml", 3, 1);
        return new ModuleSpec(name, List.of(c), List.of(), List.of(), List.of(),
                new ConfigTable("stages.extensions.module", Map.of("name", name), at, Map.of("name", at)));
    }

    private static String speedups(String extra) {
        return """
                #include <Python.h>
                int helper(int x) { return x + 1; }
                struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "speedups", NULL, -1, NULL};
                PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module_def); }
                """ + extra;
    }

    @Test
    void symbolsDefinedTwiceAreRenamedForEachExtension() throws IOException {
        ModuleSpec a = module("a._speedups", "_speedups.c", speedups(""));
        ModuleSpec b = module("b._speedups", "_speedups.c", speedups("unsigned long crc32(unsigned long c) { return c; }\n"));
        List<ExtensionBuilder.Built> built = builder().build(List.of(a, b), dir);
        assertEquals(2, built.size());
        for (ExtensionBuilder.Built x : built) {
            assertTrue(x.renamed().keySet().containsAll(List.of("PyInit__speedups", "helper", "module_def")), x.renamed().toString());
            assertEquals(x.spec().symbolPrefix() + "PyInit__speedups", x.initSymbol());
        }
        assertEquals("also defined by extension `b._speedups`", built.get(0).renamed().get("helper"));
        String crc = built.get(1).renamed().get("crc32");
        assertTrue(crc != null && crc.contains("libz.a"), "zlib's crc32 in the runtime: " + built.get(1).renamed());
        assertTrue(!built.get(0).renamed().containsKey("crc32"));
        String inittab = ExtensionBuilder.inittab(built);
        assertTrue(inittab.contains("{\"a._speedups\", plx_a__uspeedups_PyInit__speedups}"), inittab);
        assertTrue(inittab.contains("{\"b._speedups\", plx_b__uspeedups_PyInit__speedups}"), inittab);

        // the same inputs again: every object comes from the cache
        log.clear();
        builder().build(List.of(a, b), dir);
        assertTrue(log.stream().noneMatch(l -> l.startsWith("compiling")), log.toString());
    }

    @Test
    void aModuleWithoutItsInitFunctionIsAnErrorBeforeLinking() throws IOException {
        ModuleSpec a = module("pkg.fast", "fast.c", "#include <Python.h>\nint not_init(void) { return 0; }\n");
        PipelineException e = assertThrows(PipelineException.class, () -> builder().build(List.of(a), dir));
        assertTrue(e.getMessage().contains("extension module `pkg.fast`: its sources define no PyInit_fast"), e.getMessage());
    }

    @Test
    void aCompileErrorShowsTheCompilersPosition() throws IOException {
        ModuleSpec a = module("pkg.bad", "bad.c", "#include <Python.h>\n\nint f(void) { return undefined_name; }\n");
        PipelineException e = assertThrows(PipelineException.class, () -> builder().build(List.of(a), dir));
        assertEquals(3, e.diagnostic().position().line(), e.getMessage());
        assertEquals(22, e.diagnostic().position().column(), e.getMessage());
        assertTrue(e.diagnostic().position().file().endsWith("pkg/bad/bad.c"), e.getMessage());
        assertTrue(e.getMessage().contains("C compile error: use of undeclared identifier 'undefined_name'"), e.getMessage());
    }
}
