package dev.pipeline.api.abi;

import dev.pipeline.api.abi.CanonicalAbi.Context;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.pipeline.api.abi.CoreType.*;
import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.diag.PipelineException;

/** Size, alignment and flattening checked against layouts computed by hand from CanonicalABI.md. */
class CanonicalAbiTest {
    private static final String WIT = """
            package t:abi;
            interface types {
              record point { x: u8, y: u32, z: u16 }
              record mixed { a: bool, b: f64, c: char }
              variant v1 { a, b(u64), c(f32) }
              variant v2 { a(f32), b(u32) }
              variant v3 { a(f32), b(f64) }
              variant v4 { a(tuple<u8, f32>), b(tuple<u64>) }
              enum e3 { a, b, c }
              flags f8 { a1, a2, a3, a4, a5, a6, a7, a8 }
              flags f9 { b1, b2, b3, b4, b5, b6, b7, b8, b9 }
              flags f17 { c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17 }
              resource r {
                m: func(x: u64);
              }
              record holder { a: r, b: borrow<r> }
              type opt = option<u16>;
              type opt2 = option<option<u8>>;
              type res = result<string, u8>;
              type res-empty = result;
              type res-err = result<_, u64>;
              type res-join = result<u64, f32>;
              type res-i32 = result<f32, u32>;
              type tup = tuple<u8, u16, u8>;
              type s = string;
              type l = list<u64>;
              type fl = list<u16, 3>;
              type fut = future<u32>;
              type str = stream<u8>;
              type err = error-context;
              type m = map<string, u32>;
              type c = char;
              type alias-of-point = point;
              f-scalar: func(a: u32) -> u32;
              f-string: func(s: string) -> string;
              p16: func(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32,
                        a9: u32, a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u32);
              p17: func(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32,
                        a9: u32, a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u32, a17: u32);
              f-none: func();
              f-async: async func(a: u32, b: u32, c: u32, d: u32, e: u32) -> u32;
              f-async-small: async func(a: u32);
            }
            """;

    private final Resolve resolve = WitLoader.parse("abi.wit", WIT);
    private final CanonicalAbi abi = new CanonicalAbi(resolve);
    private final WitInterface types = resolve.iface(resolve.rootPackage().interfaces().get("types"));

    private WitType named(String name) {
        return new WitType.TypeRef(types.types().get(name));
    }

    private WitFunction fn(String name) {
        return types.functions().get(name);
    }

    @ParameterizedTest(name = "{0}: size {1}, align {2}, flat {3}")
    @CsvSource(delimiter = ';', value = {
            "point; 12; 4; i32 i32 i32",
            "mixed; 24; 8; i32 f64 i32",
            "v1; 16; 8; i32 i64",
            "v2; 8; 4; i32 i32",
            "v3; 16; 8; i32 i64",
            "v4; 16; 8; i32 i64 f32",
            "e3; 1; 1; i32",
            "f8; 1; 1; i32",
            "f9; 2; 2; i32",
            "f17; 4; 4; i32",
            "holder; 8; 4; i32 i32",
            "opt; 4; 2; i32 i32",
            "opt2; 3; 1; i32 i32 i32",
            "res; 12; 4; i32 i32 i32",
            "res-empty; 1; 1; i32",
            "res-err; 16; 8; i32 i64",
            "res-join; 16; 8; i32 i64",
            "res-i32; 8; 4; i32 i32",
            "tup; 6; 2; i32 i32 i32",
            "s; 8; 4; i32 i32",
            "l; 8; 4; i32 i32",
            "fl; 6; 2; i32 i32 i32",
            "fut; 4; 4; i32",
            "str; 4; 4; i32",
            "err; 4; 4; i32",
            "m; 8; 4; i32 i32",
            "c; 4; 4; i32",
            "alias-of-point; 12; 4; i32 i32 i32",
    })
    void layoutOfEveryKind(String name, int size, int align, String flat) {
        WitType t = named(name);
        assertEquals(size, abi.size(t), "size");
        assertEquals(align, abi.align(t), "align");
        assertEquals(flat, text(abi.flatten(t)), "flat");
    }

    @Test
    void primitives() {
        int[][] expected = {{1, 1}, {1, 1}, {2, 2}, {4, 4}, {8, 8}, {1, 1}, {2, 2}, {4, 4}, {8, 8}, {4, 4}, {8, 8}, {4, 4}, {8, 4}};
        WitType.Primitive[] all = WitType.Primitive.values();
        for (int i = 0; i < all.length; i++) {
            assertEquals(expected[i][0], abi.size(all[i]), all[i].wit());
            assertEquals(expected[i][1], abi.align(all[i]), all[i].wit());
        }
        assertEquals(List.of(I64), abi.flatten(WitType.Primitive.U64));
        assertEquals(List.of(F32), abi.flatten(WitType.Primitive.F32));
        assertEquals(List.of(F64), abi.flatten(WitType.Primitive.F64));
        assertEquals(List.of(I32), abi.flatten(WitType.Primitive.BOOL));
    }

    @Test
    void recordFieldOffsets() {
        assertEquals(List.of(0, 4, 8), abi.layout(named("point")).offsets());
        assertEquals(List.of(0, 8, 16), abi.layout(named("mixed")).offsets());
        assertEquals(List.of(0, 2, 4), abi.layout(named("tup")).offsets());
    }

    @Test
    void variantDiscriminantAndPayload() {
        Layout v1 = abi.layout(named("v1"));
        assertEquals(1, v1.discriminantSize());
        assertEquals(8, v1.payloadOffset());
        Layout res = abi.layout(named("res"));
        assertEquals(4, res.payloadOffset());
        List<WitType> many = new ArrayList<>(java.util.Collections.nCopies(257, (WitType) null));
        Layout big = abi.variantLayout(many);
        assertEquals(2, big.discriminantSize());
        assertEquals(2, big.size());
        assertEquals(4, abi.variantLayout(new ArrayList<>(java.util.Collections.nCopies(65537, (WitType) null))).size());
        assertEquals(1, CanonicalAbi.discriminantSize(256));
    }

    @Test
    void scalarFunction() {
        FlatSignature lift = abi.flattenFunction(fn("f-scalar"), Context.LIFT);
        assertEquals("(func (param i32) (result i32))", lift.toString());
        assertFalse(lift.paramsIndirect() || lift.resultsIndirect());
        assertEquals("(func)", abi.flattenFunction(fn("f-none"), Context.LOWER).toString());
    }

    @Test
    void stringResultGoesThroughMemory() {
        assertEquals("(func (param i32 i32) (result i32))", abi.flattenFunction(fn("f-string"), Context.LIFT).toString());
        FlatSignature lower = abi.flattenFunction(fn("f-string"), Context.LOWER);
        assertEquals("(func (param i32 i32 i32))", lower.toString());
        assertTrue(lower.resultsIndirect());
    }

    @Test
    void sixteenParamsAreDirectSeventeenAreNot() {
        FlatSignature f16 = abi.flattenFunction(fn("p16"), Context.LIFT);
        assertEquals(16, f16.params().size());
        assertFalse(f16.paramsIndirect());
        FlatSignature f17 = abi.flattenFunction(fn("p17"), Context.LOWER);
        assertEquals(List.of(I32), f17.params());
        assertTrue(f17.paramsIndirect());
    }

    @Test
    void methodTakesSelfHandle() {
        WitFunction m = fn("[method]r.m");
        assertEquals(WitFunction.Kind.METHOD, m.kind());
        assertEquals(new WitType.HandleType(true, types.types().get("r")), m.params().get(0).type());
        assertEquals("(func (param i32 i64))", abi.flattenFunction(m, Context.LOWER).toString());
    }

    @Test
    void asyncFunctions() {
        FlatSignature lower = abi.flattenAsyncFunction(fn("f-async"), Context.LOWER, false);
        assertEquals("(func (param i32 i32) (result i32))", lower.toString());
        assertTrue(lower.paramsIndirect());
        assertEquals("(func (param i32) (result i32))",
                abi.flattenAsyncFunction(fn("f-async-small"), Context.LOWER, false).toString());
        assertEquals("(func (param i32 i32 i32 i32 i32) (result i32))",
                abi.flattenAsyncFunction(fn("f-async"), Context.LIFT, true).toString());
        assertEquals("(func (param i32 i32 i32 i32 i32))",
                abi.flattenAsyncFunction(fn("f-async"), Context.LIFT, false).toString());
    }

    @Test
    void valuesMustBeSmallerThanTwoToThe28() {
        Resolve r = WitLoader.parse("big.wit", "package t:big; interface i { type ok = list<u8, 268435455>; "
                + "type too-big = list<u8, 268435456>; type words = list<u32, 67108864>; }");
        CanonicalAbi big = new CanonicalAbi(r);
        assertEquals(268435455, big.size(new WitType.TypeRef(r.iface(0).types().get("ok"))));
        var e = assertThrows(PipelineException.class,
                () -> big.size(new WitType.TypeRef(r.iface(0).types().get("too-big"))));
        assertTrue(e.getMessage().contains("2^28"), e.getMessage());
        assertThrows(PipelineException.class,
                () -> big.align(new WitType.TypeRef(r.iface(0).types().get("words"))));
    }

    @Test
    void hugeFixedListsAreErrorsNotCrashes() {
        Resolve r = WitLoader.parse("big.wit", "package t:big; interface i { type t = list<list<u64, 65536>, 65536>; }");
        CanonicalAbi big = new CanonicalAbi(r);
        WitType t = new WitType.TypeRef(r.iface(0).types().get("t"));
        assertThrows(PipelineException.class, () -> big.flatten(t));
        assertThrows(PipelineException.class, () -> big.size(t));
    }

    private static String text(List<CoreType> flat) {
        return flat.stream().map(CoreType::wat).collect(Collectors.joining(" "));
    }

    @Test
    void whatLiftsAndLowersNeed() {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 17; i++) wide.append(i == 0 ? "" : ", ").append("p").append(i).append(": u32");
        Resolve r = WitLoader.parse("needs.wit", """
                package t:needs;
                interface i {
                  record point { x: s32, y: s32 }
                  variant shape { circle(f64), square(point), nothing }
                  add: func(x: s32, y: s32) -> s32;
                  origin: func() -> point;
                  greet: func(n: string);
                  names: func() -> list<point>;
                  fixed: func(a: list<shape, 2>) -> shape;
                  wide: func(%s);
                }
                """.formatted(wide));
        CanonicalAbi abi = new CanonicalAbi(r);
        WitInterface i = r.iface(r.rootPackage().interfaces().get("i"));
        java.util.function.BiFunction<String, Context, CanonicalAbi.Options> needs = (f, c) -> abi.options(i.functions().get(f), c);
        assertEquals(new CanonicalAbi.Options(false, false), needs.apply("add", Context.LIFT));
        assertEquals(new CanonicalAbi.Options(true, false), needs.apply("origin", Context.LOWER), "two flat results are returned through memory");
        assertEquals(new CanonicalAbi.Options(true, true), needs.apply("greet", Context.LIFT), "a lifted string parameter is copied in with realloc");
        assertEquals(new CanonicalAbi.Options(true, false), needs.apply("greet", Context.LOWER));
        assertEquals(new CanonicalAbi.Options(true, true), needs.apply("names", Context.LOWER), "a lowered list result is allocated with realloc");
        assertEquals(new CanonicalAbi.Options(true, false), needs.apply("names", Context.LIFT));
        assertEquals(new CanonicalAbi.Options(true, true), needs.apply("wide", Context.LIFT), "17 flat parameters spill");
        assertEquals(new CanonicalAbi.Options(true, false), needs.apply("wide", Context.LOWER));
        assertFalse(abi.hasPointers(new WitType.TypeRef(i.types().get("shape"))));
        assertFalse(abi.hasPointers(i.functions().get("fixed").params().get(0).type()), "a fixed-length list is inline");
        assertTrue(abi.hasPointers(i.functions().get("names").result()));
    }
}
