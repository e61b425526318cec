package dev.pipeline.distro;

import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;
import dev.pipeline.jvmhost.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WASI a component gets on the JVM is what {@link InstanceOptions} says: environment, preopened folders (and
 * nothing else), stdin/stdout, clock and random source, each instance its own.
 */
class JvmWasiOptionsTest {
    @TempDir static Path dir;
    static PythonComponent component;

    @BeforeAll
    static void build() throws IOException {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/wasi-env").toAbsolutePath(), dir.resolve("wasi-env"));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        component = PythonComponent.load(p.resolve("build/wasi-env.wasm"));
    }

    private static PythonInstance instance(InstanceOptions.Builder options) {
        return component.instantiate(options.stdout(new ByteArrayOutputStream()).build());
    }

    @Test
    void environmentVariablesArePerInstance() {
        try (PythonInstance a = instance(InstanceOptions.builder().env("GREETING", "hej"));
             PythonInstance b = instance(InstanceOptions.builder())) {
            assertEquals(Optional.of("hej"), a.call("env-var", "GREETING"));
            assertEquals(Optional.empty(), b.call("env-var", "GREETING"), "no variable unless given");
        }
    }

    @Test
    void filesOnlyUnderPreopenedFolders(@TempDir Path shared) throws IOException {
        Files.writeString(shared.resolve("in.txt"), "from the host", StandardCharsets.UTF_8);
        try (PythonInstance i = instance(InstanceOptions.builder().preopen("/data", shared))) {
            assertEquals(ok("from the host"), i.call("read-text", "/data/in.txt"));
            assertEquals(ok(null), i.call("write-text", "/data/out.txt", "from the guest"));
            assertEquals("from the guest", Files.readString(shared.resolve("out.txt")));
            Object outside = i.call("read-text", "/etc/hostname");
            assertTrue(outside.toString().contains("Error"), "outside the preopen: " + outside);
        }
        try (PythonInstance none = instance(InstanceOptions.builder())) {
            Object r = none.call("read-text", "/data/in.txt");
            assertTrue(r.toString().contains("Error"), "no folder is open by default: " + r);
        }
    }

    @Test
    void stdinAndStdoutAreTheGivenStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PythonInstance i = component.instantiate(InstanceOptions.builder().stdout(out)
                .stdin(new ByteArrayInputStream("line one\nline two\n".getBytes(StandardCharsets.UTF_8))).build())) {
            i.call("say", "hello from python");
            assertEquals("line one\nline two\n", i.call("read-stdin"));
        }
        assertEquals("hello from python\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theClockAndRandomSourceAreTheGivenOnes() {
        Clock fixed = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);
        byte[] first;
        try (PythonInstance i = instance(InstanceOptions.builder().clock(fixed).random(new Random(42)))) {
            assertEquals(BigInteger.valueOf(Instant.parse("2030-01-02T03:04:05Z").toEpochMilli()), i.call("now-ms"));
            first = (byte[]) i.call("random-bytes", 16);
        }
        try (PythonInstance j = instance(InstanceOptions.builder().clock(fixed).random(new Random(42)))) {
            assertArrayEquals(first, (byte[]) j.call("random-bytes", 16), "a seeded random source repeats");
        }
        try (PythonInstance k = instance(InstanceOptions.builder().random(new Random(7)))) {
            assertFalse(Arrays.equals(first, (byte[]) k.call("random-bytes", 16)));
        }
    }

    private static Object ok(Object value) {
        return Result.ok(value);
    }
}
