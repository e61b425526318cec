package dev.pipeline.host.cli;

import dev.pipeline.host.cache.StageCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipeline cache} shows size and entries; {@code pipeline cache clean [--older-than]} removes them. */
class CacheCommandTest {
    @TempDir Path dir;

    @AfterEach
    void tearDown() {
        System.clearProperty("pipeline.cache");
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static void entry(StageCache c, String stage, String key, int bytes) throws IOException {
        Path t = c.begin(stage, key);
        Files.write(t.resolve("data.bin"), new byte[bytes]);
        c.commit(stage, key, t);
    }

    @Test
    void showsAndCleans() throws IOException {
        System.setProperty("pipeline.cache", dir.toString());
        StageCache c = new StageCache(dir);
        entry(c, "bindings", "aaaa", 1000);
        entry(c, "packaging", "bbbb", 3 << 20);
        String[] show = run("cache");
        assertEquals("0", show[0], show[2]);
        assertTrue(show[1].contains("cache    " + dir), show[1]);
        assertTrue(show[1].contains("entries  2:"), show[1]);
        assertTrue(show[1].matches("(?s).*\\n  packaging +1 +3\\.0 MiB\\n.*"), show[1]);
        assertTrue(show[1].matches("(?s).*\\n  bindings +aaaa +1\\.\\d KiB  20\\d\\d-.*"), show[1]);

        Path ref = dir.resolve("stages/bindings/aaaa.ref");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(10).toMillis());
        Files.setLastModifiedTime(ref, old);
        Files.setLastModifiedTime(c.entries().stream().filter(e -> e.key().equals("aaaa")).findFirst().orElseThrow().object(), old);
        String[] some = run("cache", "clean", "--older-than", "7d");
        assertEquals("0", some[0], some[2]);
        assertTrue(some[1].contains("removed 1 of 2 stage results not used for 7d"), some[1]);
        String[] all = run("cache", "clean");
        assertTrue(all[1].contains("removed 1 of 1 stage results; freed 3.0 MiB"), all[1]);
        assertTrue(run("cache")[1].contains("entries  0"));
        String[] bad = run("cache", "clean", "--older-than", "yesterday");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("error: --older-than: `yesterday` is not a duration; write e.g. 30m, 12h, 7d or 2w"), bad[2]);
    }
}
