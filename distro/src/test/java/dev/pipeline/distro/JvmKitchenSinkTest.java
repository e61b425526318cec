package dev.pipeline.distro;

import dev.pipeline.jvmhost.ComponentErrorException;
import dev.pipeline.jvmhost.ComponentTrapException;
import dev.pipeline.jvmhost.Imports;
import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;
import dev.pipeline.jvmhost.Result;
import dev.pipeline.jvmhost.Values;
import dev.pipeline.jvmhost.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kitchen-sink world of {@link KitchenSinkTest}, called from Java through the JVM host instead of node: every
 * value of every type round-trips exactly through the Python exports, the app's calls to the (Java) host imports
 * check the other direction, err comes back as a value, a Python exception traps with its traceback.
 */
class JvmKitchenSinkTest {
    @TempDir static Path dir;
    static PythonComponent component;
    static ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    static PythonInstance instance;

    @BeforeAll
    static void build() throws IOException {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/kitchen").toAbsolutePath(), dir.resolve("kitchen"));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        long t0 = System.nanoTime();
        component = PythonComponent.load(p.resolve("build/kitchen.wasm"));
        System.out.printf("load %d ms (%s)%n", (System.nanoTime() - t0) / 1_000_000, component.engine());
        instance = component.instantiate(options());
        System.out.printf("instantiate %d µs%n", instance.instantiateMicros());
    }

    @AfterAll
    static void close() {
        if (instance != null) instance.close();
    }

    /** The host side in Java: every import echoes its arguments, as host.js does in node. */
    static InstanceOptions options() {
        Imports.Builder host = Imports.builder();
        for (String echo : List.of("echo-everything", "echo-shape", "echo-nested", "echo-strings", "echo-option", "echo-tuple", "echo-bytes")) {
            host.function("host." + echo, args -> args[0]);
        }
        host.function("host.echo-result", args -> args[0]);
        host.function("host.echo-flags", args -> List.of(args[0], args[1]));
        host.function("host.fallible", args -> {
            if ((Boolean) args[0]) throw new ComponentErrorException("nope");
            return 42L;
        });
        host.function("test:kitchen/host#sum-many", args -> {
            BigInteger sum = BigInteger.ZERO;
            for (Object a : args) sum = sum.add(BigInteger.valueOf((Long) a));
            return sum;
        });
        return InstanceOptions.builder().imports(host.build()).stderr(stderr).build();
    }

    private static Map<String, Object> everything(boolean a, byte b, short c, short d, int e, int f, long g, long h, BigInteger i,
                                                  float j, double k, String l, String m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("a", a); r.put("b", b); r.put("c", c); r.put("d", d); r.put("e", e); r.put("f", f); r.put("g", g);
        r.put("h", h); r.put("i", i); r.put("j", j); r.put("k", k); r.put("l", l); r.put("m", m);
        return r;
    }

    private static void check(String export, Object sent) {
        Object got = instance.call(export, sent);
        assertTrue(Values.same(sent, got), () -> export + ": sent " + Values.describe(sent) + " got " + Values.describe(got));
    }

    @Test
    void everyValueRoundTripsThroughPython() {
        BigInteger u64max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        check("api.echo-everything", everything(true, (byte) -128, (short) 255, (short) -32768, 65535, Integer.MIN_VALUE,
                4294967295L, Long.MIN_VALUE, u64max, Float.MAX_VALUE, Double.MIN_VALUE, "🌍", ""));
        check("api.echo-everything", everything(false, (byte) 127, (short) 0, (short) 32767, 0, Integer.MAX_VALUE, 0L,
                Long.MAX_VALUE, BigInteger.ZERO, Float.NaN, -0.0, "\0", "ünïcode ✓ 😀"));
        check("api.echo-everything", everything(true, (byte) 0, (short) 1, (short) 0, 1, 0, 1L, 0L, BigInteger.ONE,
                Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "é", "x".repeat(10000)));
        Object nan = ((Map<?, ?>) instance.call("api.echo-everything", everything(false, (byte) 0, (short) 0, (short) 0, 0, 0, 0L, 0L,
                BigInteger.ZERO, Float.NaN, Double.NaN, "a", ""))).get("k");
        assertTrue(((Double) nan).isNaN());
        check("api.echo-shape", Variant.of("circle", 2.5));
        check("api.echo-shape", Variant.of("rect", Map.of("x", -1, "y", Integer.MAX_VALUE)));
        check("api.echo-shape", Variant.of("empty"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("points", List.of(Map.of("x", 1, "y", 2), Map.of("x", -3, "y", -4)));
        nested.put("shapes", List.of(Optional.empty(), Optional.of(Variant.of("empty")), Optional.of(Variant.of("circle", -0.0))));
        nested.put("tags", List.of("t", new byte[] {0, 1, (byte) 255}));
        check("api.echo-nested", nested);
        check("api.echo-strings", List.of(List.of("a", ""), List.of(), List.of("😀", "ü".repeat(100))));
        check("api.echo-option", Optional.empty());
        check("api.echo-option", Optional.of(Optional.empty()));
        check("api.echo-option", Optional.of(Optional.of(4294967295L)));
        assertEquals("ok:fine", instance.call("api.echo-result-param", Result.ok("fine")));
        assertEquals("err:GREEN", instance.call("api.echo-result-param", Result.err("green")));
        check("api.echo-tuple", List.of((short) 255, "", -1.5e300));
        Set<String> many = new LinkedHashSet<>();
        for (int i = 0; i < 32; i++) if (i % 3 == 0) many.add("f" + i);
        Object flags = instance.call("api.echo-flags", Set.of("read", "exec"), many);
        assertTrue(Values.same(List.of(Set.of("read", "exec"), many), flags), String.valueOf(flags));
        byte[] big = new byte[70000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i % 251);
        check("api.echo-bytes", big);
        check("api.echo-bytes", new byte[0]);
        for (String c : List.of("red", "green", "blue")) check("api.echo-enum", c);
        Object[] seventeen = new Object[17];
        java.util.Arrays.fill(seventeen, 4294967295L);
        assertEquals(BigInteger.valueOf(4294967295L).multiply(BigInteger.valueOf(17)), instance.call("api.sum-many", seventeen));
    }

    @Test
    void errComesBackAsAValueOrATypedException() {
        assertEquals(Result.ok(3L), instance.call("api.divide", 7L, 2L));
        assertEquals(Result.err("division by zero"), instance.call("test:kitchen/api@0.1.0#divide", 1L, 0L));
        ComponentErrorException e = assertThrows(ComponentErrorException.class,
                () -> instance.function("test:kitchen/api#divide").callOrThrow(1, 0));
        assertEquals("division by zero", e.value());
    }

    @Test
    void thePythonSideSeesTheJavaImportsRoundTrip() {
        @SuppressWarnings("unchecked")
        List<String> report = (List<String>) instance.call("api.call-host");
        assertFalse(report.isEmpty());
        List<String> failed = new ArrayList<>();
        for (String line : report) if (!line.startsWith("OK ")) failed.add(line);
        assertTrue(failed.isEmpty(), String.join("\n", report));
        assertTrue(report.size() >= 14, String.join("\n", report));
    }

    @Test
    void wrongJavaValuesAreRejectedBeforeTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> instance.call("api.echo-enum", "purple"));
        assertTrue(e.getMessage().contains("no case `purple`"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> instance.call("api.divide", 1L));
        assertTrue(e.getMessage().contains("takes 2 arguments"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> instance.call("api.divide", -1L, 1L));
        assertTrue(e.getMessage().contains("does not fit u32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> instance.call("api.nope"));
        assertTrue(e.getMessage().contains("no export `api.nope`"), e.getMessage());
        assertEquals(Result.ok(5L), instance.call("api.divide", 10L, 2L), "the instance still works");
    }

    @Test
    void aPythonExceptionTrapsWithItsTraceback() {
        try (PythonInstance other = component.instantiate(options())) {
            ComponentTrapException trap = assertThrows(ComponentTrapException.class, () -> other.call("api.crash", "boom from python"));
            assertTrue(trap.getMessage().contains("RuntimeError: boom from python"), trap.getMessage());
            assertTrue(trap.traceback().contains("Traceback (most recent call last)"), trap.traceback());
            assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("RuntimeError: boom from python"));
            assertTrue(other.isTrapped());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> other.call("api.echo-enum", "red"));
            assertTrue(again.getMessage().contains("trapped"), again.getMessage());
        }
        assertEquals("red", instance.call("api.echo-enum", "red"), "other instances are not affected");
    }

    @Test
    void instancesAreCheapAndIndependent() {
        long t0 = System.nanoTime();
        int n = 5;
        for (int i = 0; i < n; i++) {
            try (PythonInstance fresh = component.instantiate(options())) {
                assertEquals("blue", fresh.call("api.echo-enum", "blue"));
            }
        }
        System.out.printf("instantiate + first call + close: %.1f ms each%n", (System.nanoTime() - t0) / 1e6 / n);
        long t1 = System.nanoTime();
        int calls = 2000;
        for (int i = 0; i < calls; i++) instance.call("api.echo-enum", "green");
        System.out.printf("echo-enum: %.1f µs per call%n", (System.nanoTime() - t1) / 1e3 / calls);
    }
}
