package dev.pipeline.distro;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.pipeline.api.testing.JcoOracle;

/**
 * The stage cache as users meet it: builds side by side, a damaged entry, a build killed inside the cache's commit
 * or while the component is written, and SIGTERM. Every test uses its own cache folder.
 *
 * <p>The app is examples/hello with {@code init = "none"}: every stage still runs and is cached (bindings, packaging,
 * extensions, init — which copies the runtime — and splice), but no CPython start-up on the JVM is paid per build,
 * which keeps 60 builds affordable.
 */
class StageCacheBuildTest {
    @TempDir Path dir;
    private Path cache;
    private Map<String, String> env;

    @BeforeEach
    void privateCache() throws IOException {
        cache = Files.createDirectories(dir.resolve("cache"));
        env = Map.of("PIPELINE_CACHE", cache.toString());
    }

    private Path project(Path where) throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), where);
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[pipeline]\ninit = \"none\"\n");
        return p;
    }

    private static byte[] output(Path project) throws IOException {
        return Files.readAllBytes(project.resolve("build/hello.wasm"));
    }

    private List<Path> leftovers(Path project) throws IOException {
        List<Path> out = new ArrayList<>(list(cache.resolve("tmp")));
        for (Path p : list(project.resolve("build"))) if (p.getFileName().toString().endsWith(".tmp")) out.add(p);
        return out;
    }

    @Test
    void threeBuildsSideBySideTenTimesAllSucceedWithTheSameBytes() throws Exception {
        // two builds of one recipe (same output file) and one of an identical copy elsewhere: all share the cache keys
        Path a = project(dir.resolve("a/hello"));
        Path b = project(dir.resolve("b/hello"));
        byte[] reference = null;
        for (boolean noCache : new boolean[] {false, true}) {
            for (int round = 0; round < 10; round++) {
                List<Process> running = new ArrayList<>();
                List<Path> logs = new ArrayList<>();
                for (Path p : List.of(a, a, b)) {
                    Path out = dir.resolve("out-" + logs.size() + ".txt");
                    Path err = dir.resolve("err-" + logs.size() + ".txt");
                    logs.add(err);
                    running.add(noCache ? Pipeline.start(p, env, out, err, "run", "--no-cache", "recipe.toml")
                            : Pipeline.start(p, env, out, err, "run", "recipe.toml"));
                }
                for (int i = 0; i < running.size(); i++) {
                    Process p = running.get(i);
                    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "build finished");
                    String err = Files.readString(logs.get(i), StandardCharsets.UTF_8);
                    assertEquals(0, p.exitValue(), (noCache ? "--no-cache " : "") + "round " + round + ", build " + i + ":\n" + err);
                    assertFalse(err.contains("damaged"), err);
                }
                if (reference == null) reference = output(a);
                assertArrayEquals(reference, output(a), "round " + round);
                assertArrayEquals(reference, output(b), "round " + round);
                assertEquals(List.of(), leftovers(a), "no temporary file is left");
            }
        }
        jcoValidates(reference);
    }

    @Test
    void aDamagedEntryIsReportedOnceAndRebuilt() throws Exception {
        Path p = project(dir.resolve("hello"));
        Pipeline.Result first = Pipeline.run(p, env, "run", "recipe.toml");
        assertEquals(0, first.code(), first::toString);
        byte[] good = output(p);
        Path object = objects("splice").get(0);
        Files.delete(object.resolve("component.wasm"));

        Pipeline.Result second = Pipeline.run(p, env, "run", "recipe.toml");
        assertEquals(0, second.code(), second::toString);
        assertTrue(second.err().contains("warning: the cached output of stage `splice` (")
                && second.err().contains(") was damaged (missing: component.wasm); it is rebuilt"), second::toString);
        assertArrayEquals(good, output(p));
        assertTrue(Files.isRegularFile(object.resolve("component.wasm")), "rebuilt under the same content name");

        Pipeline.Result third = Pipeline.run(p, env, "run", "recipe.toml");
        assertEquals(0, third.code(), third::toString);
        assertFalse(third.err().contains("damaged"), "reported once: " + third);
        assertEquals(5, third.err().split("cached", -1).length - 1, "every stage from the cache: " + third);
    }

    @Test
    void aBuildKilledInsideTheCommitLeavesTheCacheUsable() throws Exception {
        Path p = project(dir.resolve("hello"));
        // kill -9 at each step of publishing the splice stage's output (the stage whose damage broke every build)
        for (String step : List.of("commit:files", "commit:manifest", "commit:rename", "commit:ref")) {
            Pipeline.Result killed = Pipeline.run(p, Map.of("PIPELINE_CACHE", cache.toString(), "PIPELINE_JAVA_OPTS",
                    "-Dpipeline.test.crash=" + step + " -Dpipeline.test.crash.stage=splice"), "run", "--no-cache", "recipe.toml");
            assertEquals(137, killed.code(), step + ": " + killed);
            for (int i = 0; i < 2; i++) {
                Pipeline.Result next = Pipeline.run(p, env, "run", "recipe.toml");
                assertEquals(0, next.code(), step + ", run " + i + " after the kill: " + next);
                assertFalse(next.err().contains("damaged"), next::toString);
                assertEquals(List.of(), leftovers(p), step + ": what the killed run left is removed");
            }
            jcoValidates(output(p));
        }
    }

    @Test
    void aBuildKilledWhileWritingTheComponentLeavesNoFileBehind() throws Exception {
        Path p = project(dir.resolve("hello"));
        Pipeline.Result killed = Pipeline.run(p, Map.of("PIPELINE_CACHE", cache.toString(), "PIPELINE_JAVA_OPTS",
                "-Dpipeline.test.crash=encode:write"), "run", "recipe.toml");
        assertEquals(137, killed.code(), killed::toString);
        assertFalse(Files.exists(p.resolve("build/hello.wasm")), "no partial output");
        List<Path> hidden = list(p.resolve("build"));
        assertEquals(1, hidden.size(), hidden::toString);
        assertTrue(hidden.get(0).getFileName().toString().matches("\\.hello\\.wasm\\..+\\.tmp"), hidden::toString);
        Pipeline.Result next = Pipeline.run(p, env, "run", "recipe.toml");
        assertEquals(0, next.code(), next::toString);
        assertEquals(List.of(p.resolve("build/hello.wasm")), list(p.resolve("build")), "the killed run's temporary file is removed");
    }

    @Test
    void sigtermRemovesTheRunsTemporaryFolders() throws Exception {
        Path p = project(dir.resolve("hello"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process build = Pipeline.start(p, env, out, err, "run", "--no-cache", "recipe.toml");
        // wait until a stage runs (its temporary folders exist), then send SIGTERM
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (list(cache.resolve("tmp")).isEmpty() && build.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(build.isAlive(), "the build was still running: " + Files.readString(err));
        build.destroy();
        assertTrue(build.waitFor(2, TimeUnit.MINUTES));
        assertEquals(143, build.exitValue(), Files.readString(err));
        assertEquals(List.of(), leftovers(p), "SIGTERM removes the run's temporary folders");
    }

    @Test
    void cacheCommandShowsAndCleansEntries() throws Exception {
        Path p = project(dir.resolve("hello"));
        assertEquals(0, Pipeline.run(p, env, "run", "recipe.toml").code());
        Pipeline.Result show = Pipeline.run(p, env, "cache");
        assertEquals(0, show.code(), show::toString);
        assertTrue(show.out().contains("cache    " + cache), show::toString);
        assertTrue(show.out().contains("entries  5:"), show::toString);
        for (String stage : List.of("bindings", "packaging", "extensions", "init", "splice")) {
            assertTrue(show.out().lines().anyMatch(l -> l.matches("\\s+" + stage + "\\s+1\\s+.*")), stage + ": " + show);
        }
        Pipeline.Result keep = Pipeline.run(p, env, "cache", "clean", "--older-than", "1d");
        assertEquals(0, keep.code(), keep::toString);
        assertTrue(keep.out().contains("removed 0 of 5 stage results not used for 1d"), keep::toString);
        Pipeline.Result clean = Pipeline.run(p, env, "cache", "clean");
        assertEquals(0, clean.code(), clean::toString);
        assertTrue(clean.out().contains("removed 5 of 5 stage results"), clean::toString);
        assertTrue(Pipeline.run(p, env, "cache").out().contains("entries  0"));
        Pipeline.Result bad = Pipeline.run(p, env, "cache", "clean", "--older-than", "soon");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("error: --older-than: `soon` is not a duration"), bad::toString);
    }

    private List<Path> objects(String stage) throws IOException {
        return list(cache.resolve("stages").resolve(stage).resolve("objects"));
    }

    private static void jcoValidates(byte[] component) {
        try (var jco = new JcoOracle()) {
            String wit = jco.componentWit(component);
            assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        }
    }

    private static List<Path> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
