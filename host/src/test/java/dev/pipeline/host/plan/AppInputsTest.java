package dev.pipeline.host.plan;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.host.recipe.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's part of the cache key: what is hashed, what is left out, and the per-file size limit. */
class AppInputsTest {
    @TempDir Path dir;

    private AppSpec app() throws IOException {
        Files.createDirectories(dir.resolve("wit"));
        Files.writeString(dir.resolve("wit/w.wit"), "package a:b;\nworld w {}\n");
        Files.writeString(dir.resolve("recipe.toml"), "[app]\n");
        if (!Files.exists(dir.resolve("app.py"))) Files.writeString(dir.resolve("app.py"), "x = 1\n");
        return new AppSpec(dir.resolve("recipe.toml"), "app", List.of(dir), dir.resolve("wit"), "w", dir.resolve("build/w.wasm"));
    }

    private static Recipe.AppFiles files(long max, String... exclude) {
        return new Recipe.AppFiles(List.of(exclude), max, null, null);
    }

    @Test
    void sourcesCountTheOutputHiddenAndExcludedFilesDoNot() throws IOException {
        AppSpec app = app();
        Recipe.AppFiles files = files(1 << 20, "data", "*.csv", "assets/big/**");
        String key = AppInputs.hash(app, files);
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/w.wasm"), "output");
        Files.writeString(dir.resolve("build/notes.txt"), "the output's folder");
        Files.createDirectories(dir.resolve(".venv/lib"));
        Files.writeString(dir.resolve(".venv/lib/x.py"), "hidden");
        Files.createDirectories(dir.resolve("__pycache__"));
        Files.writeString(dir.resolve("__pycache__/app.cpython-313.pyc"), "cache");
        Files.createDirectories(dir.resolve("pkg/data"));
        Files.writeString(dir.resolve("pkg/data/x.bin"), "excluded by name at any depth");
        Files.writeString(dir.resolve("pkg/table.csv"), "excluded by pattern");
        Files.createDirectories(dir.resolve("assets/big"));
        Files.writeString(dir.resolve("assets/big/a.bin"), "excluded by path");
        assertEquals(key, AppInputs.hash(app, files), "none of these is an input");

        Files.writeString(dir.resolve("assets/small.txt"), "an input");
        assertNotEquals(key, AppInputs.hash(app, files));
        Files.delete(dir.resolve("assets/small.txt"));
        Files.writeString(dir.resolve("app.py"), "x = 2\n");
        assertNotEquals(key, AppInputs.hash(app, files), "a source changed");
    }

    @Test
    void aFileAboveTheLimitIsAnErrorNamingItAndTheSetting() throws IOException {
        AppSpec app = app();
        Files.createDirectories(dir.resolve("models"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("models/weights.bin").toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB that take no disk
        }
        PipelineException e = assertThrows(PipelineException.class, () -> AppInputs.hash(app, files(64L << 20)));
        assertTrue(e.getMessage().contains("the app's file " + dir.resolve("models/weights.bin") + " is 3.0 GiB, above the "
                + "limit of 64.0 MiB for a file under the python-path ([app] max-file-size)"), e.getMessage());
        assertTrue(e.getMessage().contains("hint: leave it out with [app] exclude = [\"models/weights.bin\"]"), e.getMessage());
        // excluded, it is not read at all
        AppInputs.hash(app, files(64L << 20, "models"));
    }
}
