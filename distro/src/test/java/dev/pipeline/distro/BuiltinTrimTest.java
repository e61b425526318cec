package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in C modules the import DAG does not reach: cut from the finished component (builtins = "prune", the
 * default; with and without pre-initialisation) or not linked (builtins = "trim"). Either way a left-out one, imported
 * under a computed name, raises a ModuleNotFoundError that says why. builtins = "all" keeps them all.
 */
class BuiltinTrimTest extends ComponentTest {

    static final String WIT = """
            package test:trim;

            world trim {
                export try-import: func(name: string) -> string;
            }
            """;

    static final String APP = """
            import hashlib
            import importlib
            import json

            import wit_world


            class WitWorld(wit_world.WitWorld):
                def try_import(self, name: str) -> str:
                    try:
                        module = importlib.import_module(name)
                    except ImportError as e:
                        return "%s: %s" % (type(e).__name__, e)
                    # hashlib imports _sha2 inside a function: the import DAG keeps the built-ins stdlib functions import
                    sha = " " + hashlib.sha256(b"").hexdigest()[:8] if name == "hashlib" else ""
                    return "ok " + module.__name__ + " " + json.dumps([1]) + sha
            """;

    private Path build(String builtins) throws IOException {
        return build(builtins, "chicory");
    }

    private Path build(String builtins, String init) throws IOException {
        Path p = dir.resolve(builtins + "-" + init);
        ExtensionSources.write(p.resolve("trim.wit"), WIT);
        ExtensionSources.write(p.resolve("app.py"), APP);
        ExtensionSources.write(p.resolve("recipe.toml"), """
                [app]
                module = "app"
                wit = "trim.wit"
                world = "trim"
                output = "build/trim.wasm"

                [pipeline]
                init = "%s"

                [stages.extensions]
                %s
                """.formatted(init, builtins.equals("default") ? "" : "builtins = \"" + builtins + "\""));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml", "--explain");
        assertEquals(0, r.code(), r::toString);
        if (!builtins.equals("all")) {
            assertTrue(r.err().matches("(?s).*built-in _json +kept: imported by json\\..*"), r::toString);
            assertTrue(r.err().contains("built-in modules left out (not reached): "), r::toString);
        }
        return p.resolve("build/trim.wasm");
    }

    static final String SCRIPT = """
            for (const name of ['zlib', '_sqlite3', 'json', 'hashlib', 'no_such_module'])
              console.log(name + ': ' + component.tryImport(name));
            """;

    @Test
    void leftOutModulesRaiseAClearErrorAndTheComponentIsSmaller() throws IOException {
        Path trimmed = build("trim");
        Path all = build("all");
        assertLeftOut(trimmed, "trim_trim");
        String out = jco.transpileAndRun(Files.readAllBytes(all), "trim_all", SCRIPT);
        assertTrue(out.contains("zlib: ok zlib [1]"), out);
        assertTrue(out.contains("_sqlite3: ok _sqlite3 [1]"), out);
        long small = Files.size(trimmed);
        long big = Files.size(all);
        assertTrue(small < big - 2 * 1024 * 1024, "trimmed " + small + " bytes, all " + big + " bytes");
    }

    /** The default: the same modules cut after pre-initialisation, from the shared runtime (no per-app link or translation). */
    @Test
    void pruningByDefaultCutsTheSameModulesAfterPreinitialisation() throws IOException {
        Path pruned = build("default");
        assertLeftOut(pruned, "trim_prune");
        Path all = build("all");
        long small = Files.size(pruned);
        long big = Files.size(all);
        assertTrue(small < big - 3 * 1024 * 1024, "pruned " + small + " bytes, all " + big + " bytes");
        byte[] again = Files.readAllBytes(build("prune"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(pruned), again, "the same component, built twice");
    }

    /** Without pre-initialisation, the list and the cleared data go into the runtime's static data. */
    @Test
    void pruningWithoutPreinitialisation() throws IOException {
        Path pruned = build("prune", "none");
        assertLeftOut(pruned, "trim_prune_none");
        long small = Files.size(pruned);
        long big = Files.size(build("all", "none"));
        assertTrue(small < big - 3 * 1024 * 1024, "pruned " + small + " bytes, all " + big + " bytes");
    }

    private void assertLeftOut(Path component, String name) throws IOException {
        String out = jco.transpileAndRun(Files.readAllBytes(component), name, SCRIPT);
        assertTrue(out.contains("zlib: ModuleNotFoundError: No module named 'zlib': this built-in module was left out of the "
                + "component because the import DAG does not reach it; add include = ['zlib'] to [stages.packaging] or "
                + "builtins = \"all\" to [stages.extensions]"), out);
        assertTrue(out.contains("_sqlite3: ModuleNotFoundError: No module named '_sqlite3': this built-in module was left out"), out);
        assertTrue(out.contains("json: ok json [1]"), out);
        assertTrue(out.contains("hashlib: ok hashlib [1] e3b0c442"), out);
        assertTrue(out.contains("no_such_module: ModuleNotFoundError: No module named 'no_such_module'\n"), out);
    }
}
