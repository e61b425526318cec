package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated C bindings: a library written against wit-bindgen's C names (types, functions, free helpers) is
 * compiled with the kit, made a component, and its exports are called from node through jco with every supported
 * kind of type, in parameters (flat, joined, indirect) and results (direct, return area, freed after the call).
 */
class CBindingsTest {
    @TempDir Path dir;

    static JcoOracle jco;

    @BeforeAll
    static void start() { jco = new JcoOracle(); }

    @AfterAll
    static void stop() { jco.close(); }

    static final String WIT = """
            package test:kitchen;

            interface ops {
                record point { x: f32, y: f32, label: string }
                enum color { red, green, blue }

                add: func(a: s32, b: s64, c: f32, d: f64, e: u8, f: bool, g: char, h: s8, i: u16) -> f64;
                reverse: func(data: list<u8>) -> list<u8>;
                upper: func(s: string) -> string;
                sum: func(xs: list<u32>) -> u64;
                scale: func(p: point, k: f32) -> point;
                find: func(xs: list<s32>, x: s32) -> option<u32>;
                parse: func(s: string) -> result<s32, string>;
                maybe: func(x: option<u32>) -> u32;
                name-of: func(c: color) -> string;
                swap: func(t: tuple<u8, string>) -> tuple<string, u8>;
                wide: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, i: u32, j: u32, k: u32,
                           l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> u32;
                labels: func(ps: list<point>) -> list<string>;
                joined: func(r: result<f64, u8>, s: result<u32, string>, o: option<f32>) -> string;
                is-odd: func(x: u64) -> bool;
            }

            world kitchen {
                export ops;
            }
            """;

    static final String C = """
            #include <stdio.h>
            #include <ctype.h>
            #include "kitchen.h"

            double exports_test_kitchen_ops_add(int32_t a, int64_t b, float c, double d, uint8_t e, bool f, uint32_t g,
                                                int8_t h, uint16_t i) {
                return a + (double) b + c + d + e + (f ? 1000 : 0) + g + h + i;
            }

            void exports_test_kitchen_ops_reverse(kitchen_list_u8_t *data, kitchen_list_u8_t *ret) {
                ret->len = data->len;
                ret->ptr = malloc(data->len ? data->len : 1);
                for (size_t i = 0; i < data->len; i++) ret->ptr[i] = data->ptr[data->len - 1 - i];
                kitchen_list_u8_free(data);
            }

            void exports_test_kitchen_ops_upper(kitchen_string_t *s, kitchen_string_t *ret) {
                ret->len = s->len;
                ret->ptr = malloc(s->len ? s->len : 1);
                for (size_t i = 0; i < s->len; i++) ret->ptr[i] = toupper(s->ptr[i]);
                kitchen_string_free(s);
            }

            uint64_t exports_test_kitchen_ops_sum(kitchen_list_u32_t *xs) {
                uint64_t t = 0;
                for (size_t i = 0; i < xs->len; i++) t += xs->ptr[i];
                kitchen_list_u32_free(xs);
                return t;
            }

            void exports_test_kitchen_ops_scale(exports_test_kitchen_ops_point_t *p, float k, exports_test_kitchen_ops_point_t *ret) {
                ret->x = p->x * k;
                ret->y = p->y * k;
                ret->label = p->label;   /* ownership moves to the result */
            }

            bool exports_test_kitchen_ops_find(kitchen_list_s32_t *xs, int32_t x, uint32_t *ret) {
                bool found = false;
                for (size_t i = 0; i < xs->len && !found; i++) if (xs->ptr[i] == x) { *ret = i; found = true; }
                kitchen_list_s32_free(xs);
                return found;
            }

            bool exports_test_kitchen_ops_parse(kitchen_string_t *s, int32_t *ret, kitchen_string_t *err) {
                char buf[64];
                size_t n = s->len < 63 ? s->len : 63;
                memcpy(buf, s->ptr, n);
                buf[n] = 0;
                kitchen_string_free(s);
                char *end;
                long v = strtol(buf, &end, 10);
                if (n == 0 || *end) {
                    char msg[100];
                    snprintf(msg, sizeof msg, "not a number: '%s'", buf);
                    kitchen_string_dup(err, msg);
                    return false;
                }
                *ret = (int32_t) v;
                return true;
            }

            uint32_t exports_test_kitchen_ops_maybe(uint32_t *maybe_x) {
                return maybe_x ? *maybe_x * 2 : 7;
            }

            void exports_test_kitchen_ops_name_of(exports_test_kitchen_ops_color_t c, kitchen_string_t *ret) {
                kitchen_string_dup(ret, c == EXPORTS_TEST_KITCHEN_OPS_COLOR_RED ? "red" : c == EXPORTS_TEST_KITCHEN_OPS_COLOR_GREEN ? "green" : "blue");
            }

            void exports_test_kitchen_ops_swap(kitchen_tuple2_u8_string_t *t, kitchen_tuple2_string_u8_t *ret) {
                ret->f0 = t->f1;
                ret->f1 = t->f0;
            }

            uint32_t exports_test_kitchen_ops_wide(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f,
                    uint32_t g, uint32_t h, uint32_t i, uint32_t j, uint32_t k, uint32_t l, uint32_t m, uint32_t n,
                    uint32_t o, uint32_t p, uint32_t q) {
                return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j + 11*k + 12*l + 13*m + 14*n + 15*o + 16*p + 17*q;
            }

            void exports_test_kitchen_ops_labels(exports_test_kitchen_ops_list_point_t *ps, kitchen_list_string_t *ret) {
                ret->len = ps->len;
                ret->ptr = malloc(sizeof(kitchen_string_t) * (ps->len ? ps->len : 1));
                for (size_t i = 0; i < ps->len; i++) {
                    char msg[100];
                    snprintf(msg, sizeof msg, "%.*s@%g,%g", (int) ps->ptr[i].label.len, ps->ptr[i].label.ptr, ps->ptr[i].x, ps->ptr[i].y);
                    kitchen_string_dup(&ret->ptr[i], msg);
                }
                exports_test_kitchen_ops_list_point_free(ps);
            }

            void exports_test_kitchen_ops_joined(kitchen_result_f64_u8_t *r, kitchen_result_u32_string_t *s, float *maybe_o,
                                                 kitchen_string_t *ret) {
                char msg[200];
                snprintf(msg, sizeof msg, "%s%g|%s%u%.*s|%s%g",
                         r->is_err ? "err:" : "ok:", r->is_err ? (double) r->val.err : r->val.ok,
                         s->is_err ? "err:" : "ok:", s->is_err ? 0 : s->val.ok, s->is_err ? (int) s->val.err.len : 0,
                         s->is_err ? (char *) s->val.err.ptr : "",
                         maybe_o ? "some:" : "none", maybe_o ? *maybe_o : 0.0);
                kitchen_result_u32_string_free(s);
                kitchen_string_dup(ret, msg);
            }

            bool exports_test_kitchen_ops_is_odd(uint64_t x) {
                return x & 1;
            }
            """;

    private byte[] build(String wit, String c) throws IOException {
        Files.writeString(dir.resolve("kitchen.wit"), wit);
        Files.writeString(dir.resolve("lib.c"), c);
        Path runtime = TestTools.runtime();
        Path kit = TestTools.kit();
        RuntimeKit rk = new RuntimeKit() {
            @Override public Path root() { return kit; }
            @Override public Path runtime() { return runtime; }
            @Override public Path adapter() { return TestTools.reactorAdapter(); }
        };
        Progress progress = new Progress() {
            @Override public void status(String message) {}
            @Override public void advance(String what, long done, long total) {}
        };
        SourcePosition at = SourcePosition.of("recipe.toml", 3, 1);
        DependencySpec spec = new DependencySpec(null, dir.resolve("kitchen.wit"), "kitchen", List.of(dir.resolve("lib.c")),
                List.of(), List.of(), new ConfigTable("stages.extensions.component", Map.of(), at, Map.of()));
        return new DependencyBuilder(new Toolchain(runtime, kit), rk, progress).build(spec, dir.resolve("work"));
    }

    @Test
    void aLibraryWrittenForWitBindgenNamesRoundTripsEverySupportedType() throws IOException {
        byte[] component = build(WIT, C);
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export test:kitchen/ops;"), wit);
        // the header follows wit-bindgen's file and type names
        String header = Files.readString(dir.resolve("work/kitchen.h"));
        assertTrue(header.contains("typedef struct kitchen_string_t {"), header);
        assertTrue(header.contains("typedef struct exports_test_kitchen_ops_point_t {"), header);
        String out = jco.transpileAndRun(component, "kitchen", """
                const o = component.ops;
                const enc = new TextEncoder(), dec = new TextDecoder();
                console.log('add=' + o.add(-5, 10n ** 12n, 0.5, 0.25, 200, true, 'A', -3, 60000));
                console.log('reverse=' + Array.from(o.reverse(Uint8Array.from([1, 2, 3, 250]))).join(','));
                console.log('reverse0=' + o.reverse(new Uint8Array(0)).length);
                console.log('upper=' + o.upper('héllo wörld'));
                console.log('sum=' + o.sum(Uint32Array.from([4000000000, 4000000000, 5])));
                console.log('scale=' + JSON.stringify(o.scale({ x: 1.5, y: -2, label: 'pt' }, 2)));
                console.log('find=' + o.find(Int32Array.from([5, -7, 9]), -7) + ',' + o.find(Int32Array.from([5]), 1));
                console.log('parse=' + o.parse('-123'));
                try { o.parse('12x'); } catch (e) { console.log('parse-err=' + e.payload); }
                console.log('maybe=' + o.maybe(21) + ',' + o.maybe(undefined));
                console.log('name=' + o.nameOf('red') + ',' + o.nameOf('blue'));
                console.log('swap=' + JSON.stringify(o.swap([7, 'seven'])));
                console.log('wide=' + o.wide(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100));
                console.log('labels=' + o.labels([{ x: 1, y: 2, label: 'a' }, { x: 0.5, y: -1, label: 'bé' }]).join(';'));
                console.log('joined=' + o.joined({ tag: 'ok', val: 2.5 }, { tag: 'err', val: 'bad' }, 1.5));
                console.log('joined2=' + o.joined({ tag: 'err', val: 9 }, { tag: 'ok', val: 42 }, undefined));
                console.log('odd=' + o.isOdd(2n ** 63n + 1n) + ',' + o.isOdd(4n));
                let t = 0; for (let i = 0; i < 2000; i++) t += o.upper('x'.repeat(100)).length;
                console.log('loop=' + t);
                """);
        assertTrue(out.contains("add=1000000061257.75\n"), out);   // -5 + 10^12 + 0.5 + 0.25 + 200 + 1000 + 65 - 3 + 60000
        assertTrue(out.contains("reverse=250,3,2,1\nreverse0=0\n"), out);
        assertTrue(out.contains("upper=HéLLO WöRLD\n"), out);
        assertTrue(out.contains("sum=8000000005\n"), out);
        assertTrue(out.contains("scale={\"x\":3,\"y\":-4,\"label\":\"pt\"}\n"), out);
        assertTrue(out.contains("find=1,undefined\n"), out);
        assertTrue(out.contains("parse=-123\nparse-err=not a number: '12x'\n"), out);
        assertTrue(out.contains("maybe=42,7\n"), out);
        assertTrue(out.contains("name=red,blue\n"), out);
        assertTrue(out.contains("swap=[\"seven\",7]\n"), out);
        assertTrue(out.contains("wide=" + (136 + 1700) + "\n"), out);
        assertTrue(out.contains("labels=a@1,2;bé@0.5,-1\n"), out);
        assertTrue(out.contains("joined=ok:2.5|err:0bad|some:1.5\njoined2=err:9|ok:42|none0\n"), out);
        assertTrue(out.contains("odd=true,false\n"), out);
        // memory is freed after each call (post-return): many calls do not grow it without bound
        assertTrue(out.contains("loop=200000\n"), out);
    }

    @Test
    void unsupportedTypesAndImportsAreNamed() {
        Resolve r = WitLoader.parse("v.wit", """
                package test:v;
                interface i {
                    variant shape { circle(f32), none }
                    area: func(s: shape) -> f32;
                }
                world v { export i; }
                """);
        PipelineException e = assertThrows(PipelineException.class, () -> CBindings.generate(r, r.selectWorld("v")));
        assertEquals("error: the C generator does not support variant yet (type `shape`) (supported: integers, floats, bool, "
                + "char, string, list, record, tuple, enum, option, result)", e.getMessage());
        Resolve r2 = WitLoader.parse("v.wit", """
                package test:v;
                interface log { write: func(s: string); }
                world v { import log; export run: func(); }
                """);
        e = assertThrows(PipelineException.class, () -> CBindings.generate(r2, r2.selectWorld("v")));
        assertTrue(e.getMessage().contains("does not support imported functions yet"), e.getMessage());
    }
}
