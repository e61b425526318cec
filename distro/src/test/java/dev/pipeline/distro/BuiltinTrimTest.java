package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * builtins = "trim" (opt-in; "all" is the default): the runtime keeps the built-in C modules the import DAG reaches; a left-out one,
 * imported under a computed name, raises a ModuleNotFoundError that says why. builtins = "all" keeps them all.
 */
class BuiltinTrimTest extends ComponentTest {

    static final String WIT = """
            package test:trim;

            world trim {
                export try-import: func(name: string) -> string;
            }
            """;

    static final String APP = """
            import importlib
            import json

            import wit_world


            class WitWorld(wit_world.WitWorld):
                def try_import(self, name: str) -> str:
                    try:
                        module = importlib.import_module(name)
                    except ImportError as e:
                        return "%s: %s" % (type(e).__name__, e)
                    return "ok " + module.__name__ + " " + json.dumps([1])
            """;

    private Path build(String builtins) throws IOException {
        Path p = dir.resolve(builtins);
        ExtensionSources.write(p.resolve("trim.wit"), WIT);
        ExtensionSources.write(p.resolve("app.py"), APP);
        ExtensionSources.write(p.resolve("recipe.toml"), """
                [app]
                module = "app"
                wit = "trim.wit"
                world = "trim"
                output = "build/trim.wasm"

                [stages.extensions]
                builtins = "%s"
                """.formatted(builtins));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml", "--explain");
        assertEquals(0, r.code(), r::toString);
        if (builtins.equals("trim")) {
            assertTrue(r.err().matches("(?s).*built-in _json +kept: imported by json\\..*"), r::toString);
            assertTrue(r.err().contains("built-in modules left out (not reached): "), r::toString);
        }
        return p.resolve("build/trim.wasm");
    }

    @Test
    void leftOutModulesRaiseAClearErrorAndTheComponentIsSmaller() throws IOException {
        Path trimmed = build("trim");
        Path all = build("all");
        String script = """
                for (const name of ['zlib', '_sqlite3', 'json', 'no_such_module'])
                  console.log(name + ': ' + component.tryImport(name));
                """;
        String out = jco.transpileAndRun(Files.readAllBytes(trimmed), "trim_trim", script);
        assertTrue(out.contains("zlib: ModuleNotFoundError: No module named 'zlib': this built-in module was left out of the "
                + "component because the import DAG does not reach it; add include = ['zlib'] to [stages.packaging] or "
                + "builtins = \"all\" to [stages.extensions]"), out);
        assertTrue(out.contains("_sqlite3: ModuleNotFoundError: No module named '_sqlite3': this built-in module was left out"), out);
        assertTrue(out.contains("json: ok json [1]"), out);
        assertTrue(out.contains("no_such_module: ModuleNotFoundError: No module named 'no_such_module'\n"), out);
        out = jco.transpileAndRun(Files.readAllBytes(all), "trim_all", script);
        assertTrue(out.contains("zlib: ok zlib [1]"), out);
        assertTrue(out.contains("_sqlite3: ok _sqlite3 [1]"), out);
        long small = Files.size(trimmed);
        long big = Files.size(all);
        assertTrue(small < big - 2 * 1024 * 1024, "trimmed " + small + " bytes, all " + big + " bytes");
    }
}
