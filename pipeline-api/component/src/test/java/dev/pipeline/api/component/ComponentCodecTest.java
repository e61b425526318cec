package dev.pipeline.api.component;

import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ComponentCodecTest {
    static final String KITCHEN_SINK = """
            package test:sink@1.2.3;

            interface types {
              record point { x: s32, y: s32 }
              variant shape { circle(f64), square(point), nothing }
              enum color { red, green, blue }
              flags perms { read, write, exec }
              resource counter {
                constructor(start: u64);
                add: func(n: u64) -> u64;
                name: static func() -> string;
              }
              type pair = tuple<u8, string>;
              type maybe = option<list<point>>;
              describe: func(s: shape, c: color, p: perms) -> result<string, pair>;
            }

            interface host {
              use types.{point, counter};
              log: func(msg: string);
              nearest: func(p: point, all: list<point>) -> option<point>;
              peek: func(c: borrow<counter>) -> u64;
            }

            world sink {
              import host;
              import wasi:cli/environment@0.2.3;
              export types;
              export run: func(args: list<string>) -> s32;
              export area: func(w: f32, h: f32) -> f64;
            }
            """;
    static final String WASI_ENV = """
            package wasi:cli@0.2.3;
            interface environment {
              get-environment: func() -> list<tuple<string, string>>;
              get-arguments: func() -> list<string>;
              initial-cwd: func() -> option<string>;
            }
            """;

    static JcoOracle jco;

    @BeforeAll
    static void start() { jco = new JcoOracle(); }

    @AfterAll
    static void stop() { jco.close(); }

    @Test
    void adapterComponentTypeSectionDecodesAndEncodesToTheSameBytes() {
        Module adapter = ModuleReader.read(TestTools.reactorAdapter());
        CustomSection section = adapter.customSections.stream()
                .filter(c -> c.name().startsWith("component-type:")).findFirst().orElseThrow();
        Component c = ComponentDecoder.decode(section.data(), section.name());
        assertArrayEquals(section.data(), ComponentEncoder.encode(c));
        assertTrue(c.sections.stream().anyMatch(s -> s instanceof ComponentSection.Types));
    }

    @Test
    void componentsMadeByWasmToolsRoundTripByteForByte() {
        byte[] bytes = jco.dummyComponent(KITCHEN_SINK + "\n" + packageBlock(WASI_ENV), "sink");
        Component c = ComponentDecoder.decode(bytes, "sink.wasm");
        assertArrayEquals(bytes, ComponentEncoder.encode(c));
        long modules = c.sections.stream().filter(s -> s instanceof ComponentSection.CoreModule).count();
        assertTrue(modules >= 1, "a core module is embedded");
        assertTrue(c.sections.stream().anyMatch(s -> s instanceof ComponentSection.Canons));
    }

    /** Rewrites a single-package WIT file as a nested {@code package x { … }} block. */
    static String packageBlock(String wit) {
        String[] lines = wit.strip().split("\n", 2);
        return lines[0].replace(";", " {") + "\n" + lines[1] + "\n}\n";
    }
}
