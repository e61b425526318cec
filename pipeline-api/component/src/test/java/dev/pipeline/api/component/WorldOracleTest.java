package dev.pipeline.api.component;

import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;

/**
 * Wraps wasm-tools' own dummy modules for various worlds with {@link ComponentNew} and checks with jco that the
 * result is valid and has exactly the world wasm-tools gives its own component for the same WIT.
 */
class WorldOracleTest {
    static JcoOracle jco;

    @BeforeAll
    static void start() { jco = new JcoOracle(); }

    @AfterAll
    static void stop() { jco.close(); }

    static final String TYPES = """
            package test:kinds@1.0.0;

            interface types {
              record point { x: s32, y: s32 }
              variant shape { circle(f64), square(point), nothing }
              enum color { red, green, blue }
              flags perms { read, write, exec }
              type pair = tuple<u8, string>;
              type maybe = option<list<point>>;
              describe: func(s: shape, c: color, p: perms) -> result<string, pair>;
              all: func(m: maybe, big: tuple<u64, s64, f32, f64, char, bool, s8, u8, s16, u16, u32>) -> list<u8>;
            }

            interface counters {
              resource counter {
                constructor(start: u64);
                add: func(n: u64) -> u64;
                name: static func() -> string;
              }
              make: func() -> counter;
              peek: func(c: borrow<counter>) -> u64;
            }

            interface host {
              use types.{point, color};
              log: func(msg: string);
              nearest: func(p: point, all: list<point>) -> option<point>;
              paint: func(c: color) -> result;
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {
            "world w { export run: func(args: list<string>) -> s32; export area: func(w: f32, h: f32) -> f64; }",
            "world w { import host; export run: func() -> string; }",
            "world w { import host; import types; export types; }",
            "world w { use types.{point}; import host; export origin: func() -> point; export types; }",
            "world w { import log: func(msg: string); import now: func() -> u64; export tick: func(n: u32) -> list<u32>; }",
            "world w { import counters; export run: func() -> u64; }",
            "world w { export counters; import host; }",
            "world w { import counters; export counters; }",
            "world w { resource blob { constructor(n: u32); size: func() -> u32; } import make: func() -> blob; export run: func(); }",
            "world w { use types.{color, perms}; import counters; import host; export counters; export go: func(c: color) -> perms; }",
    })
    void ourComponentHasTheWorldWasmToolsGivesItsOwn(String world) {
        String wit = TYPES + "\n" + world + "\n";
        byte[] reference = jco.dummyComponent(wit, "w");
        byte[] dummy = jco.dummyModule(wit, "w");
        byte[] ours = ComponentEncoder.encode(ComponentNew.build(
                ModuleReader.read(dummy, "dummy"), null));
        // the same module with legacy (wit-bindgen) core names must give the same world
        Module legacy = ModuleReader.read(dummy, "dummy");
        LegacyNames.rename(legacy);
        assertEquals(CoreNames.LEGACY, CoreNames.detect(legacy));
        byte[] oursLegacy = ComponentEncoder.encode(ComponentNew.build(legacy, null));
        java.util.List<String> wits = jco.componentWits(reference, ours, oursLegacy);
        String expected = wits.get(0);
        assertEquals(expected, wits.get(1));
        assertEquals(expected, wits.get(2));
        // our own decoder and printer agree with jco on the world
        assertEquals(worldBlock(expected), worldBlock(ComponentWit.print(ComponentDecoder.decode(ours, "ours"))));
        assertEquals(worldBlock(expected), worldBlock(ComponentWit.print(ComponentDecoder.decode(reference, "reference"))));
    }

    /** The {@code world … { … }} block of a WIT text, blank lines dropped. */
    static String worldBlock(String wit) {
        int start = wit.indexOf("world ");
        int end = wit.indexOf("\n}\n", start);
        return wit.substring(start, end + 2).replaceAll("\n\\s*\n", "\n");
    }
}
