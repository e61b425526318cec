package dev.pipeline.distro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standard-library module imported by name (not by an import statement) is not packaged: the error says so and
 * names the recipe setting that includes it; with that setting the app builds.
 */
class LeftOutStdlibModuleTest {
    @TempDir Path dir;

    @Test
    void aModuleImportedByNameGetsAHintAndIncludeFixesIt() throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve("hello"));
        Files.writeString(p.resolve("app.py"), Files.readString(p.resolve("app.py"))
                + "\nimport importlib\n\nCOLORS = importlib.import_module(\"color\" + \"sys\")\n");

        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("ModuleNotFoundError: No module named 'colorsys'"), r.err());
        assertTrue(r.err().contains("hint: `colorsys` is in Python's standard library, but the component does not hold it"), r.err());
        assertTrue(r.err().contains("add include = [\"colorsys\"] to [stages.packaging]"), r.err());
        assertFalse(r.err().contains("\tat "), "no Java stack trace: " + r.err());
        assertFalse(Files.exists(p.resolve("build/hello.wasm")));

        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml"))
                + "\n[stages.packaging]\ninclude = [\"colorsys\"]\n");
        Pipeline.Result fixed = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, fixed.code(), fixed::toString);
        assertTrue(Files.size(p.resolve("build/hello.wasm")) > 0);
    }
}
