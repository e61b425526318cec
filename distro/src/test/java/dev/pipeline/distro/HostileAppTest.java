package dev.pipeline.distro;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apps whose module-level code never ends, sleeps or recurses without bound: pre-initialisation stops them within
 * its time budget with a clear error that says where the Python code was, and writes no output.
 */
class HostileAppTest {
    @TempDir Path dir;

    /** examples/hello with extra module-level code and a 3 s budget for pre-initialisation. */
    private Path project(String name, String engine, String extraApp) throws IOException {
        return project(name, engine, extraApp, 3);
    }

    private Path project(String name, String engine, String extraApp, int budget) throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve(name + "-" + engine));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml"))
                + "\n[stages.init]\nengine = \"" + engine + "\"\ntimeout-seconds = " + budget + "\n");
        Files.writeString(p.resolve("app.py"), Files.readString(p.resolve("app.py")) + extraApp);
        return p;
    }

    private static void assertCleanFailure(Pipeline.Result r, Path project) {
        assertEquals(1, r.code(), r::toString);
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), "no stack trace: " + r.err());
        assertFalse(Files.exists(project.resolve("build/hello.wasm")), "no output");
    }

    /** The first line of app.py that starts with {@code text} (after indentation), 1-based. */
    private static int lineOf(Path project, String text) throws IOException {
        var lines = Files.readAllLines(project.resolve("app.py"));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).strip().startsWith(text)) return i + 1;
        throw new AssertionError(text + " not in app.py");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compiler", "interpreter"})
    void aModuleLevelLoopThatNeverEndsStopsAtTheBudgetAndShowsWhere(String engine) throws IOException {
        Path p = project("loop", engine, "\n\ndef spin():\n    n = 0\n    while True:\n        n += 1\n\n\nspin()\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertCleanFailure(r, p);
        assertTrue(r.err().contains("pre-initialisation did not finish within 3 s"), r.err());
        assertTrue(r.err().contains("Python stack (most recent call first):"), r.err());
        String app = p.resolve("app.py").toString();
        int loop = lineOf(p, "n += 1");
        assertTrue(r.err().contains(app + ":" + loop + " in spin") || r.err().contains(app + ":" + (loop - 1) + " in spin"),
                "the loop's line: " + r.err());
        assertTrue(r.err().contains(app + ":" + lineOf(p, "spin()") + " in <module>"), r.err());
        assertTrue(r.err().contains("timeout-seconds"), "the hint names the setting: " + r.err());
    }

    @Test
    void aSleepAtBuildTimeIsRefusedWithWhereItIs() throws IOException {
        // a 600 s budget: the refusal, not the budget, stops it
        Path p = project("sleep", "compiler", "\nimport time\n\ntime.sleep(3600)\n", 600);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertCleanFailure(r, p);
        assertTrue(r.err().contains("the app sleeps at build time (a wait of 3600 s, as time.sleep does)"), r.err());
        assertTrue(r.err().contains(p.resolve("app.py") + ":" + lineOf(p, "time.sleep(3600)") + " in <module>"), r.err());
        assertTrue(r.err().contains("init = \"none\""), r.err());
        assertFalse(r.err().contains("did not finish within"), r.err());
    }

    @Test
    void aZeroSleepAtBuildTimeIsHarmless() throws IOException {
        Path p = project("sleep0", "compiler", "\nimport time\n\ntime.sleep(0)\n", 600);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(p.resolve("build/hello.wasm")));
    }

    @Test
    void deepRecursionIntoCCodeIsARecursionError() throws IOException {
        // the budget is not what stops it: printing the traceback imports `traceback`, slow on a loaded machine
        Path p = project("deep", "compiler", "\nimport json\n\njson.loads('[' * 100000)\n", 600);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertCleanFailure(r, p);
        assertTrue(r.err().contains("RecursionError"), r.err());
        assertTrue(r.err().contains("app.py\", line " + lineOf(p, "json.loads")), "the Python traceback: " + r.err());
    }

    @Test
    void deepPythonRecursionIsARecursionError() throws IOException {
        Path p = project("deep-py", "compiler", "\n\ndef down(n):\n    return down(n + 1)\n\n\ndown(0)\n", 600);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertCleanFailure(r, p);
        assertTrue(r.err().contains("RecursionError: maximum recursion depth exceeded"), r.err());
    }
}
