package dev.pipeline.api.world;

import dev.pipeline.api.wit.WasiFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** WIT worlds the world-type tests encode: hand-written ones over every type kind, and the WASI 0.2 worlds. */
final class WorldCorpus {
    private WorldCorpus() {}

    /** One world: a name for the test report, a single WIT text (other packages nested in it) and the world to pick. */
    record Case(String label, String wit, String world) {
        @Override
        public String toString() { return label; }
    }

    static final String HELLO = """
            package test:hello@0.1.0;

            world hello {
              import log: func(message: string);
              export greet: func(name: string) -> string;
            }
            """;

    static final String KITCHEN_SINK = """
            package test:sink@1.2.3;

            interface types {
              type bytes = list<u8>;
              type id = u64;
              type alias-of-id = id;
              record point { x: s32, y: s32 }
              variant shape { circle(f64), rect(point), nothing }
              enum color { red, green, blue }
              flags perms { read, write, exec }
              resource blob {
                constructor(data: bytes);
                size: func() -> u64;
                read: func(offset: u64, len: u32) -> result<bytes, string>;
                merge: static func(a: borrow<blob>, b: own<blob>) -> blob;
              }
              record tagged { name: string, colour: option<color>, shape: shape, raw: list<u8> }
              type pair = tuple<id, string>;
              get-point: func() -> point;
              same-signature: func() -> point;
            }

            interface consumer {
              use types.{point, shape, color, perms, blob, bytes, pair};
              resource cursor {
                constructor(source: borrow<blob>);
                next: func() -> option<tuple<u32, string>>;
                reset: static func(c: cursor);
              }
              record frame { p: point, colours: list<color>, data: bytes }
              draw: func(s: shape, c: color, p: perms) -> result<_, string>;
              take: func(b: blob) -> list<blob>;
              peek: func(b: borrow<blob>, c: borrow<cursor>) -> result<option<pair>>;
              frames: func(f: list<frame>) -> tuple<u8, s8, u16, s16, u32, s32, u64, s64, f32, f64, char, bool, string>;
              empty-result: func() -> result;
              only-err: func() -> result<_, color>;
              nested: func(x: list<list<option<result<u8, color>>>>) -> list<tuple<point, point>>;
            }

            interface second-consumer {
              use consumer.{frame, cursor};
              use types.{point};
              replay: func(f: frame, c: own<cursor>, p: point);
            }

            world sink {
              import types;
              use types.{point};
              type local = list<point>;
              record world-rec { a: u32, b: local }
              import now: func() -> u64;
              import shift: func(p: point, r: world-rec) -> point;
              import also-now: func() -> u64;
              export consumer;
              export second-consumer;
              export types-again: func(c: string) -> local;
            }
            """;

    static final String WORLD_RESOURCES = """
            package test:res;

            world res {
              resource counter;
              import make: func() -> counter;
              import host: interface {
                log: func(m: string);
                resource handle { read: func() -> list<u8>; }
              }
              export use-it: func(c: borrow<counter>) -> u32;
              export consume: func(c: counter);
            }
            """;

    static final String VERSIONED = """
            package test:versioned@2.0.0-rc.1;

            interface api {
              use dep:util/shapes@0.3.1.{square, handle};
              area: func(s: square) -> f32;
              open: func() -> handle;
            }

            world versioned {
              import dep:util/shapes@0.3.1;
              import primary: dep:util/logging@0.3.1;
              export api;
              export dep:util/logging@0.3.1;
            }

            world named-import {
              import primary: dep:util/logging@0.3.1;
              import dep:util/logging@0.3.1;
              import shapes: dep:util/shapes@0.3.1;
              export go: func();
            }

            package dep:util@0.3.1 {
              interface shapes {
                record square { side: f32 }
                resource handle { close: func(); }
              }
              interface logging {
                enum level { debug, info, warn }
                log: func(l: level, message: string);
              }
            }
            """;

    static final String ORDERING = """
            package test:order@0.1.0;

            interface base {
              record point { x: s32, y: s32 }
              resource res;
              flags thirty-two { f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15,
                                 f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31 }
            }

            interface middle {
              use base.{point as pt, res};
              record later-user { a: defined-later, p: pt }
              variant defined-later { r(res), none }
              type pts = list<pt>;
              type also-res = res;
              consume: func(r: also-res, b: borrow<also-res>, many: list<borrow<res>>);
            }

            interface top {
              use middle.{pt, later-user, pts};
              use base.{point};
              f: func(a: pt, b: point, c: later-user) -> pts;
            }

            interface use-late {
              record d { p: point }
              record e { x: u8 }
              use base.{point};
              g: func(x: d, y: e);
            }

            world late {
              export use-late;
            }

            world reversed {
              export top;
              export middle;
              export run: interface { go: func() -> u32; }
              export direct: func();
              import base;
            }

            world included {
              include reversed;
              use base.{point, res};
              import extra: func(p: point, r: option<res>);
            }
            """;

    /** Feature gates: {@code @since} items stay, {@code @unstable} ones (features off) disappear, docs are ignored. */
    static final String GATES = """
            package test:gates@0.2.0;

            /// An interface with gated members.
            @since(version = 0.1.0)
            interface gated {
              @since(version = 0.1.0)
              record kept { a: u32 }
              @unstable(feature = fancy)
              record dropped { b: u32 }
              @since(version = 0.2.0)
              @deprecated(version = 0.2.0)
              old: func(k: kept);
              @unstable(feature = fancy)
              new: func(d: dropped);
            }

            world gates {
              @since(version = 0.1.0)
              import gated;
              @unstable(feature = fancy)
              import extra: func();
              /// documented export
              export run: func() -> u32;
            }
            """;

    /** An exported interface with its own types of every kind (no resources, nothing taken with {@code use}). */
    static final String EXPORTED_TYPES = """
            package test:exported@3.0.0;

            interface values {
              type bytes = list<u8>;
              record point { x: f32, y: f32, tag: option<string> }
              variant shape { dot(point), line(tuple<point, point>), empty }
              enum mode { fast, safe }
              flags caps { read, write }
              type outcome = result<list<shape>, string>;
              echo: func(p: point, s: shape, m: mode, c: caps, b: bytes, raw: list<u8>) -> outcome;
              sum: func(xs: list<s64>, y: option<u64>) -> tuple<s64, char, bool>;
            }

            world exported-types {
              import log: func(m: string);
              export values;
              export direct: func(p: list<tuple<string, f64>>) -> result<_, string>;
            }
            """;

    /** One interface both imported and exported; an exported interface uses the exported copy. */
    static final String BOTH_WAYS = """
            package test:both;

            interface a {
              record r { x: u8 }
              resource h { get: func() -> r; }
              get: func() -> r;
            }

            interface b {
              use a.{r, h};
              put: func(v: r, handle: h);
            }

            world both-ways {
              import a;
              use a.{r};
              import peek: func() -> r;
              export a;
              export b;
            }
            """;

    /**
     * A world whose interface has a {@code use} after type definitions that depend on it: wit-parser's order of
     * such types depends on where the {@code use} stood, which our resolved model does not keep (a known gap).
     */
    static final Case USE_AFTER_DEFINITIONS = new Case("ordering/late", ORDERING, "late");

    /** The hand-written worlds. */
    static List<Case> handWritten() {
        return List.of(new Case("hello", HELLO, "hello"), new Case("kitchen-sink", KITCHEN_SINK, "sink"),
                new Case("world-resources", WORLD_RESOURCES, "res"), new Case("versioned", VERSIONED, "versioned"),
                new Case("versioned/named-import", VERSIONED, "named-import"),
                new Case("ordering/reversed", ORDERING, "reversed"), new Case("ordering/included", ORDERING, "included"),
                new Case("both-ways", BOTH_WAYS, "both-ways"), new Case("gates", GATES, "gates"),
                new Case("exported-types", EXPORTED_TYPES, "exported-types"));
    }

    /** The worlds of jco's WASI 0.2.12 WIT: every world of every package. */
    /** The hand-written worlds and every WASI 0.2.12 world. */
    static List<Case> handWrittenAndWasi() {
        List<Case> all = new ArrayList<>(handWritten());
        all.addAll(wasi());
        return all;
    }

    static List<Case> wasi() {
        return wasi("0.2.12");
    }

    /** The worlds of one version of jco's built-in WASI WIT, labelled {@code wasi:cli/command} (plus {@code @version} unless 0.2.12). */
    static List<Case> wasi(String version) {
        List<Case> out = new ArrayList<>();
        String suffix = version.equals("0.2.12") ? "" : "@" + version;
        for (String root : WasiFixtures.packagesOf(version)) {
            String text = wasiText(version, root);
            for (String line : read(version, root).lines().toList()) {
                if (line.startsWith("world ")) {
                    String world = line.substring(6, line.indexOf(' ', 6));
                    out.add(new Case("wasi:" + root + "/" + world + suffix, text, world));
                }
            }
        }
        return out;
    }

    /** One WIT text holding WASI package {@code root} at the top and every other WASI package as a nested block. */
    static String wasiText(String version, String root) {
        StringBuilder text = new StringBuilder(read(version, root));
        for (String other : WasiFixtures.packagesOf(version)) {
            if (other.equals(root)) continue;
            String body = read(version, other);
            int header = body.indexOf(';', body.indexOf("package "));
            text.append('\n').append(body, body.indexOf("package "), header).append(" {\n")
                    .append(body.substring(header + 1)).append("\n}\n");
        }
        return text.toString();
    }

    private static String read(String version, String wasiPackage) {
        try {
            return Files.readString(WasiFixtures.packageFile(version, wasiPackage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
