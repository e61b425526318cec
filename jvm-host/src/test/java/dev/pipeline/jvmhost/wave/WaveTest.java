package dev.pipeline.jvmhost.wave;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WorldItem;
import dev.pipeline.jvmhost.Result;
import dev.pipeline.jvmhost.Values;
import dev.pipeline.jvmhost.Variant;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WAVE text read against WIT types into Java values and written back, as `pipeline call` uses it. */
class WaveTest {
    private static final String WIT = """
            package test:wave;
            world w {
              record point { x: s32, y: s32, label: option<string> }
              variant shape { circle(f64), rect(point), empty, none }
              enum color { red, green }
              flags perms { read, write, exec }
              export f: func(
                a: bool, b: s8, c: u8, d: u64, e: f32, f: f64, g: char, h: string, i: list<u32>, j: list<u8>,
                k: tuple<u8, string>, l: point, m: shape, n: color, o: perms, p: option<option<u32>>,
                q: result<string, color>, r: result, s: s64);
            }
            """;
    private static final Resolve RESOLVE = WitLoader.parse("w.wit", WIT);
    private static final Wave WAVE = new Wave(RESOLVE);

    private static WitType param(String name) {
        WorldItem.FunctionItem f = (WorldItem.FunctionItem) RESOLVE.worlds().get(0).exports().get("f");
        for (WitFunction.Param p : f.function().params()) if (p.name().equals(name)) return p.type();
        throw new AssertionError(name);
    }

    private static void roundTrip(String param, String text, Object expected, String printed) {
        Object v = WAVE.parse(text, param(param));
        assertTrue(Values.same(expected, v), () -> text + " read as " + v + ", expected " + expected);
        assertEquals(printed, WAVE.print(v, param(param)));
        assertTrue(Values.same(v, WAVE.parse(printed, param(param))), printed);
    }

    @Test
    void scalarsReadAndPrint() {
        roundTrip("a", "true", true, "true");
        roundTrip("b", "-128", (byte) -128, "-128");
        roundTrip("c", "255", (short) 255, "255");
        roundTrip("d", "18446744073709551615", new BigInteger("18446744073709551615"), "18446744073709551615");
        roundTrip("s", "-9223372036854775808", Long.MIN_VALUE, "-9223372036854775808");
        roundTrip("e", "1.5", 1.5f, "1.5");
        roundTrip("f", "-0", -0.0, "-0");
        roundTrip("f", "nan", Double.NaN, "nan");
        roundTrip("f", "-inf", Double.NEGATIVE_INFINITY, "-inf");
        roundTrip("f", "1e300", 1e300, "1e300");
        roundTrip("f", "2", 2.0, "2");
        roundTrip("g", "'🌍'", "🌍", "'🌍'");
        roundTrip("g", "'\\''", "'", "'\\''");
        roundTrip("h", "\"a\\\"b\\n\\u{1F600}\"", "a\"b\n😀", "\"a\\\"b\\n😀\"");
    }

    @Test
    void compoundValuesReadAndPrint() {
        roundTrip("i", "[1, 2, 3,]", List.of(1L, 2L, 3L), "[1, 2, 3]");
        Object bytes = WAVE.parse("[0, 255]", param("j"));
        assertArrayEquals(new byte[] {0, (byte) 255}, (byte[]) bytes);
        roundTrip("k", "(7, \"x\")", List.of((short) 7, "x"), "(7, \"x\")");
        roundTrip("l", "{y: 2, x: 1}", Map.of("x", 1, "y", 2, "label", Optional.empty()), "{x: 1, y: 2, label: none}");
        roundTrip("m", "rect({x: 1, y: -1, label: some(\"p\")})",
                Variant.of("rect", Map.of("x", 1, "y", -1, "label", Optional.of("p"))), "rect({x: 1, y: -1, label: some(\"p\")})");
        roundTrip("m", "empty", Variant.of("empty"), "empty");
        roundTrip("m", "%none", Variant.of("none"), "%none");
        roundTrip("n", "green", "green", "green");
        roundTrip("o", "{exec, read}", Set.of("read", "exec"), "{read, exec}");
        roundTrip("o", "{}", Set.of(), "{}");
        roundTrip("p", "some(none)", Optional.of(Optional.empty()), "some(none)");
        roundTrip("p", "some(some(4294967295))", Optional.of(Optional.of(4294967295L)), "some(some(4294967295))");
        roundTrip("q", "ok(\"x\")", Result.ok("x"), "ok(\"x\")");
        roundTrip("q", "err(red)", Result.err("red"), "err(red)");
        roundTrip("r", "err", Result.err(null), "err");
    }

    @Test
    void errorsNameTheColumn() {
        WaveException e = assertThrows(WaveException.class, () -> WAVE.parse("[1, 2,, 3]", param("i")));
        assertEquals(7, e.column(), e.getMessage());
        e = assertThrows(WaveException.class, () -> WAVE.parse("256", param("c")));
        assertTrue(e.getMessage().contains("does not fit u8"), e.getMessage());
        e = assertThrows(WaveException.class, () -> WAVE.parse("{x: 1}", param("l")));
        assertTrue(e.getMessage().contains("needs field `y`"), e.getMessage());
        e = assertThrows(WaveException.class, () -> WAVE.parse("triangle", param("m")));
        assertTrue(e.getMessage().contains("no case `triangle`"), e.getMessage());
        assertEquals(1, e.column());
        e = assertThrows(WaveException.class, () -> WAVE.parse("\"open", param("h")));
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
        e = assertThrows(WaveException.class, () -> WAVE.parse("3 4", param("c")));
        assertEquals(3, e.column());
    }
}
