package dev.pipeline.host;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.host.recipe.Recipe;
import dev.pipeline.host.recipe.RecipeLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import dev.pipeline.api.config.ConfigValue;

/** Loading a recipe: only regular files, a size limit, missing [app] keys named, and parsing in linear time. */
class RecipeLoadingTest {
    @TempDir Path dir;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty("pipeline.home", dir.resolve("home").toString());
        System.setProperty("pipeline.cache", dir.resolve("cache").toString());
        Files.createDirectories(dir.resolve("wit"));
        Files.writeString(dir.resolve("wit/w.wit"), "package a:b;\nworld w {}\n");
        Files.writeString(dir.resolve("app.py"), "");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("pipeline.home");
        System.clearProperty("pipeline.cache");
    }

    private static void assertClean(CliRunner.Result res) {
        assertEquals(1, res.code(), res::toString);
        assertFalse(res.err().contains("internal error"), res::toString);
        assertFalse(res.err().contains("Exception"), res::toString);
        assertFalse(res.err().contains("\tat "), res::toString);
    }

    @Test
    void aFifoIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("recipe.toml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is available");
        // nobody writes into the FIFO: reading it would block for ever
        CliRunner.Result res = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> CliRunner.run("run", "--dry-run", fifo.toString()));
        assertClean(res);
        assertTrue(res.err().contains("recipe.toml: error: not a regular file (a pipe, device or socket)"), res::toString);
    }

    @Test
    void aHundredMegabyteRecipeIsRefusedAtOnce() throws IOException {
        Path big = dir.resolve("recipe.toml");
        Files.writeString(big, "[app]\nmodule = \"app\"\nwit = \"wit\"\n# huge comment follows\n#");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20); // a sparse 100 MB file: the rest of the comment is NUL bytes
        }
        long t0 = System.nanoTime();
        CliRunner.Result res = CliRunner.run("run", "--dry-run", big.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertClean(res);
        assertTrue(res.err().contains("recipe.toml: error: the recipe is 100.0 MiB, above the limit of 1.0 MiB for a recipe"),
                res::toString);
        assertTrue(seconds < 5, "answered in " + seconds + " s");
    }

    @Test
    void anEmptyAppTableNamesTheMissingKeys() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, "# my recipe\n[app]\n\n[pipeline]\ninit = \"none\"\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertClean(res);
        assertTrue(res.err().contains("recipe.toml:2:1: error: [app] is missing `module` and `wit`"), res::toString);
        assertTrue(res.err().contains("hint: module = the Python module holding the export classes"), res::toString);
    }

    @Test
    void aPartialAppTableNamesTheMissingKey() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, "[app]\nmodule = \"app\"\nworld = \"w\"\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertClean(res);
        assertTrue(res.err().contains("recipe.toml:1:1: error: [app] is missing `wit`"), res::toString);
    }

    @Test
    void keysWithDotsOrSpacesAreKeysNotPaths() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, "[app]\nmodule = \"app\"\nwit = \"wit\"\n\"odd key.x\" = 1\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertClean(res);
        assertTrue(res.err().contains("recipe.toml:4:1: error: unknown key `odd key.x` in [app]"), res::toString);
    }

    @Test
    void tenThousandLinesParseInUnderASecond() throws IOException {
        // what made the TOML library slow: long runs of blank and comment lines (its time grew with their cube);
        // lines with keys cost it about 0.1 ms each (linear), so this recipe mixes 500 of them with 9,500 others
        StringBuilder sb = new StringBuilder("# a long recipe\n[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"w\"\n");
        sb.append("exclude = [\n");
        for (int i = 0; i < 500; i++) sb.append("  \"data").append(i).append("\",   # a data folder\n");
        sb.append("]\n");
        for (int n = 506; n < 9998; n += 5) sb.append("\n# a comment line\n\n   # an indented one\n\t\n");
        sb.append("[stages.packaging]\ninclude = [\"json\"]   # trailing\nwrong = = 1\n");
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, sb.toString());
        long lines = sb.toString().lines().count();
        assertTrue(lines >= 10_000, lines + " lines");
        RecipeLoader.load(writeGood(dir.resolve("warm.toml"))); // load the classes once, as any run has
        long t0 = System.nanoTime();
        PipelineException e = assertThrows(PipelineException.class, () -> RecipeLoader.load(r));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 1.0, lines + " lines parsed in " + seconds + " s");
        // positions still point at the original lines
        assertTrue(e.getMessage().contains("recipe.toml:" + lines + ":9: error: TOML syntax error"), e.getMessage());

        Files.writeString(r, sb.toString().replace("wrong = = 1\n", ""));
        t0 = System.nanoTime();
        Recipe ok = RecipeLoader.load(r);
        seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 1.0, lines + " lines parsed in " + seconds + " s");
        assertEquals(500, ok.files().exclude().size());
    }

    @Test
    void commentsAndBlankLinesInsideMultiLineStringsAreKept() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, "[app]\nmodule = \"app\"\nwit = \"wit\"\n[stages.packaging]\ninclude = [\"\"\"a\n\n# not a comment\nb\"\"\", 'x#y', '''\n#z\n''']\n");
        Recipe rec = RecipeLoader.load(r);
        List<?> include = (List<?>) rec.stageTables().get("packaging").entries().get("include").value();
        assertEquals("a\n\n# not a comment\nb", ((ConfigValue) include.get(0)).value());
        assertEquals("x#y", ((ConfigValue) include.get(1)).value());
        assertEquals("#z\n", ((ConfigValue) include.get(2)).value());
    }

    @Test
    void excludeAndMaxFileSizeAreRead() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, "[app]\nmodule = \"app\"\nwit = \"wit\"\nexclude = [\"data\", \"*.csv\"]\nmax-file-size = \"2 MiB\"\n");
        Recipe rec = RecipeLoader.load(r);
        assertEquals(List.of("data", "*.csv"), rec.files().exclude());
        assertEquals(2L << 20, rec.files().maxFileSize());
        Files.writeString(r, "[app]\nmodule = \"app\"\nwit = \"wit\"\nmax-file-size = \"lots\"\n");
        PipelineException e = assertThrows(PipelineException.class, () -> RecipeLoader.load(r));
        assertTrue(e.getMessage().contains("recipe.toml:4:1: error: `max-file-size` in [app] must be a size"), e.getMessage());
    }

    private Path writeGood(Path p) throws IOException {
        Files.writeString(p, "[app]\nmodule = \"app\"\nwit = \"wit\"\n");
        return p;
    }
}
