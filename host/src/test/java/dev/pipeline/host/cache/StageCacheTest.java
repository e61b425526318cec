package dev.pipeline.host.cache;

import dev.pipeline.api.files.TempFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stage cache publishes whole verified entries only, survives races and crashes, and cleans up after them. */
class StageCacheTest {
    @TempDir Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private StageCache cache() {
        return new StageCache(dir.resolve("cache"), warnings::add);
    }

    private static Path fill(Path temp, String text) throws IOException {
        Files.createDirectories(temp.resolve("python/pkg"));
        Files.writeString(temp.resolve("python/pkg/__init__.py"), text);
        Files.write(temp.resolve("image.bin"), new byte[100_000]);
        Files.createDirectories(temp.resolve("empty"));
        return temp;
    }

    @Test
    void aCommittedEntryIsFoundWhole() throws IOException {
        StageCache c = cache();
        assertTrue(c.lookup("packaging", "k1").isEmpty());
        Path object = c.commit("packaging", "k1", fill(c.begin("packaging", "k1"), "x = 1\n"));
        Path found = c.lookup("packaging", "k1").orElseThrow();
        assertEquals(object, found);
        assertEquals("x = 1\n", Files.readString(found.resolve("python/pkg/__init__.py")));
        assertTrue(Files.isDirectory(found.resolve("empty")));
        assertTrue(Files.readString(found.resolve(".manifest")).contains(" 100000 image.bin\n"));
        assertTrue(warnings.isEmpty(), warnings::toString);
        assertEquals(List.of(), list(c.tmpDir()), "no temporary folder is left");
    }

    @Test
    void aDamagedEntryIsReportedOnceAndRebuilt() throws IOException {
        StageCache c = cache();
        Path object = c.commit("splice", "k", fill(c.begin("splice", "k"), "a"));
        Files.delete(object.resolve("image.bin"));
        assertTrue(c.lookup("splice", "k").isEmpty(), "a damaged entry is never used");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("the cached output of stage `splice` (k) was damaged (missing: image.bin); it is rebuilt"),
                warnings.get(0));
        assertTrue(c.lookup("splice", "k").isEmpty());
        assertEquals(1, warnings.size(), "reported once: " + warnings);
        Path rebuilt = c.commit("splice", "k", fill(c.begin("splice", "k"), "a"));
        assertEquals(object, rebuilt, "the same content gets the same name");
        assertTrue(c.lookup("splice", "k").isPresent());
        assertTrue(Files.isRegularFile(rebuilt.resolve("image.bin")));
    }

    @Test
    void aChangedOrAddedFileIsDamageToo() throws IOException {
        StageCache c = cache();
        Path object = c.commit("init", "k", fill(c.begin("init", "k"), "a"));
        Files.write(object.resolve("image.bin"), new byte[100_000 - 1]);
        assertTrue(c.lookup("init", "k").isEmpty());
        assertTrue(warnings.get(0).contains("(changed: image.bin)"), warnings::toString);
        object = c.commit("init", "k", fill(c.begin("init", "k"), "a"));
        Files.writeString(object.resolve("extra.txt"), "?");
        assertTrue(c.lookup("init", "k").isEmpty());
        assertTrue(warnings.get(1).contains("(unexpected file: extra.txt)"), warnings::toString);
    }

    @Test
    void concurrentCommitsOfOneKeyAllSucceedAndAgree() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier start = new CyclicBarrier(n);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "k" + round;
                List<Future<Path>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    results.add(pool.submit(() -> {
                        StageCache c = cache();
                        Path temp = fill(c.begin("bindings", key), "same\n");
                        start.await(10, TimeUnit.SECONDS);
                        Path object = c.commit("bindings", key, temp);
                        // what a later stage does with it: read every file
                        assertEquals("same\n", Files.readString(object.resolve("python/pkg/__init__.py")));
                        return c.lookup("bindings", key).orElseThrow();
                    }));
                }
                Path first = results.get(0).get();
                for (Future<Path> f : results) assertEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(warnings.isEmpty(), warnings::toString);
        assertEquals(List.of(), list(dir.resolve("cache/tmp")));
    }

    @Test
    void leftoversOfDeadRunsAreRemovedAndLiveOnesKept() throws Exception {
        StageCache c = cache();
        Path live = c.begin("init", "k"); // this process: alive
        Path dead = c.tmpDir().resolve("init-k." + "host-x.1.1.0badcafe"); // another host, long ago
        Files.createDirectories(dead.resolve("sub"));
        Files.write(dead.resolve("sub/runtime.wasm"), new byte[10]);
        long deadPid = deadPid();
        Path killed = c.tmpDir().resolve("scratch-init." + TempFiles.tag().replaceFirst("\\.\\d+\\.(\\d+)\\.", "." + deadPid + ".$1."));
        Files.createDirectories(killed);
        assertEquals(2, c.removeStale());
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(killed));
        assertTrue(Files.isDirectory(live));
        c.discard(live);
        assertFalse(Files.exists(live));
    }

    @Test
    void cleanRemovesEntriesByLastUse() throws IOException {
        StageCache c = cache();
        c.commit("bindings", "old", fill(c.begin("bindings", "old"), "1"));
        c.commit("bindings", "new", fill(c.begin("bindings", "new"), "2"));
        Path oldRef = c.stagesDir().resolve("bindings/old.ref");
        Files.setLastModifiedTime(oldRef, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(9).toMillis()));
        Path oldObject = c.lookup("bindings", "old").orElseThrow(); // a use refreshes it ...
        Files.setLastModifiedTime(oldRef, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(9).toMillis()));
        Files.setLastModifiedTime(oldObject, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(9).toMillis()));
        assertEquals(2, c.entries().size());
        assertTrue(c.clean(Duration.ofDays(7)) > 0);
        assertEquals(List.of("new"), c.entries().stream().map(StageCache.Entry::key).toList());
        assertFalse(Files.exists(oldObject));
        c.clean(null);
        assertEquals(List.of(), c.entries());
    }

    @Test
    void aCrashAtAnyStepOfTheCommitLeavesNoHalfEntry() throws Exception {
        for (String step : List.of("commit:files", "commit:manifest", "commit:rename", "commit:ref")) {
            Path root = dir.resolve("crash-" + step.substring(7));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dpipeline.test.crash=" + step, "-cp", System.getProperty("java.class.path"),
                    CommitProbe.class.getName(), root.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(137, p.exitValue(), step + ": the probe halts inside the commit\n" + out);
            StageCache c = new StageCache(root, warnings::add);
            Optional<Path> found = c.lookup("splice", "k");
            // before the rename nothing is published; after it the entry is whole (the ref may or may not name it yet)
            found.ifPresent(o -> assertTrue(Files.isRegularFile(o.resolve("image.bin")), step));
            assertEquals(step.equals("commit:ref"), found.isPresent(), step);
            c.removeStale();
            assertEquals(List.of(), list(root.resolve("tmp")), step + ": the killed run's temporary folder is removed");
            Path object = c.commit("splice", "k", fill(c.begin("splice", "k"), "a"));
            assertEquals(object, c.lookup("splice", "k").orElseThrow(), step);
            assertTrue(warnings.isEmpty(), step + ": " + warnings);
        }
    }

    /** Writes one entry and commits it; run with {@code -Dpipeline.test.crash=...} it halts inside the commit. */
    public static final class CommitProbe {
        public static void main(String[] args) throws IOException {
            StageCache c = new StageCache(Path.of(args[0]));
            c.commit("splice", "k", fill(c.begin("splice", "k"), "a"));
            System.exit(0);
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static List<Path> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }
}
