package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modules that are not imported while the component starts are still importable when an export runs: the module
 * image ships them. A computed (dynamic) import needs an `include` in the recipe; a missing module is a build error.
 */
class RuntimeImportTest extends ComponentTest {

    private static final String APP = """
            import importlib
            import wit_world


            class WitWorld(wit_world.WitWorld):
                def greet(self, name: str) -> str:
                    if name == "lazy":
                        import fractions  # imported on the first call, not at start-up
                        return "lazy " + str(fractions.Fraction(1, 3) + fractions.Fraction(1, 6))
                    try:
                        mod = importlib.import_module("color" + "sys")  # invisible to the import analysis
                    except ImportError as e:
                        return "missing: " + str(e)
                    return "dynamic " + str(mod.rgb_to_hsv(0.0, 0.0, 1.0))
            """;

    private String call(String extraRecipe, String init, String arg) throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve("p-" + init + extraRecipe.hashCode()));
        Files.writeString(p.resolve("app.py"), APP);
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[pipeline]\ninit = \"" + init + "\"\n" + extraRecipe);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/hello.wasm"));
        return jco.transpileAndRun(component, "rt_" + Math.abs((init + extraRecipe + arg).hashCode()), Map.of("log", "./host.js"),
                Map.of("host.js", "export default function log(m) {}\n"), "console.log('result: ' + component.greet('" + arg + "'));\n");
    }

    @Test
    void aStdlibModuleFirstImportedByAnExportWorks() throws IOException {
        assertTrue(call("", "chicory", "lazy").contains("result: lazy 1/2"));
        assertTrue(call("", "none", "lazy").contains("result: lazy 1/2"));
    }

    @Test
    void aDynamicImportNeedsAnInclude() throws IOException {
        String without = call("", "chicory", "dynamic");
        assertTrue(without.contains("result: missing: No module named 'colorsys'"), without);
        String with = call("[stages.packaging]\ninclude = [\"colorsys\"]\n", "chicory", "dynamic");
        assertTrue(with.contains("result: dynamic (0.6666666666666666, 1.0, 1.0)"), with);
    }

    @Test
    void includingAModuleThatDoesNotExistIsABuildError() throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve("bad-include"));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[stages.packaging]\ninclude = [\"no_such_mod\"]\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("include: module `no_such_mod` does not exist"), r.err());
        assertTrue(!Files.exists(p.resolve("build/hello.wasm")), "no output on failure");
    }
}
