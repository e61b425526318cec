package dev.pipeline.api.abi;

import dev.pipeline.api.abi.CanonicalAbi.Context;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitOracle;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our flat signatures against wasm-tools': the dummy core module wasm-tools makes for a world imports every imported
 * function with its lowered signature and exports every exported function with its lifted one (with the synchronous
 * ABI, also for {@code async} functions).
 */
class CanonicalAbiOracleTest {
    private static final String WIT = """
            package t:abi;
            interface types {
              record point { x: f32, y: f32 }
              record mixed { a: bool, b: f64, c: char, d: s8, e: u16 }
              variant shape { circle(f32), rect(tuple<point, point>), label(string), big(u64), none }
              variant joins { a(f32), b(u32), c(f64), d(s64) }
              enum color { red, green, blue }
              flags perms { read, write, exec }
              flags many { f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20 }
              resource blob {
                constructor(init: list<u8>);
                read: func(n: u32) -> list<u8>;
                size: func() -> u64;
                merge: static func(a: borrow<blob>, b: borrow<blob>) -> blob;
              }
              type pair = tuple<u8, string>;
              scalars: func(a: bool, b: s8, c: u8, d: s16, e: u16, f: s32, g: u32, h: s64, i: u64, j: f32, k: f64, l: char) -> f64;
              strings: func(s: string, l: list<string>) -> string;
              records: func(p: point, m: mixed) -> point;
              variants: func(s: shape, j: joins, o: option<shape>) -> shape;
              results: func(r: result<u8, string>, e: result<_, color>, n: result) -> result<point, shape>;
              enums: func(c: color, p: perms, m: many) -> perms;
              tuples: func(t: pair, u: tuple<f32, f64, u64>) -> tuple<u8, u8>;
              seventeen: func(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32, a9: u32,
                              a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u32, a17: u32);
              sixteen: func(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32, a9: u32,
                            a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u64) -> u8;
              handles: func(b: borrow<blob>, o: blob) -> option<blob>;
              nothing: func();
            }
            world w {
              import types;
              export types;
              import log: func(msg: string, level: u8) -> option<tuple<u8, f64>>;
              export run: func(args: list<string>) -> result<u32, string>;
              import wait: async func(a: u32, b: u32, c: u32, d: u32, e: u32) -> u32;
              export serve: async func(request: string) -> string;
            }
            """;

    private static final Pattern TYPE = Pattern.compile("\\(type \\(;(\\d+);\\) \\(func(.*?)\\)\\)\\s*$", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("\\(import \"([^\"]*)\" \"([^\"]*)\" \\(func \\(;(\\d+);\\) \\(type (\\d+)\\)\\)\\)");
    private static final Pattern EXPORT = Pattern.compile("\\(export \"([^\"]*)\" \\(func (\\d+)\\)\\)");
    private static final Pattern FUNC = Pattern.compile("\\(func \\(;(\\d+);\\) \\(type (\\d+)\\)");

    @Test
    void flatSignaturesMatchWasmTools() throws Exception {
        Resolve resolve = WitLoader.parse("abi.wit", WIT);
        WitWorld world = resolve.selectWorld("w");
        CanonicalAbi abi = new CanonicalAbi(resolve);
        String wat = WitOracle.judge(List.of(new WitOracle.Case("abi", "w", WIT, true))).get("abi").text();
        Map<String, String> theirs = signatures(wat);

        Map<String, String> ours = new TreeMap<>();
        addAll(ours, resolve, abi, world.imports(), true);
        addAll(ours, resolve, abi, world.exports(), false);
        assertTrue(ours.size() > 30, "functions compared: " + ours.size());
        for (Map.Entry<String, String> e : ours.entrySet()) {
            assertEquals(theirs.get(e.getKey()), e.getValue(), e.getKey() + "\n" + wat);
        }
    }

    private static void addAll(Map<String, String> into, Resolve resolve, CanonicalAbi abi, Map<String, WorldItem> items,
                               boolean imports) {
        for (Map.Entry<String, WorldItem> e : items.entrySet()) {
            if (e.getValue() instanceof WorldItem.FunctionItem f) {
                put(into, resolve, abi, imports, imports ? "cm32p2" : "cm32p2||", f.function());
            } else if (e.getValue() instanceof WorldItem.InterfaceItem i) {
                String name = resolve.interfaceName(i.interfaceId());
                for (WitFunction f : resolve.iface(i.interfaceId()).functions().values()) {
                    put(into, resolve, abi, imports, imports ? "cm32p2|" + name : "cm32p2|" + name + "|", f);
                }
            }
        }
    }

    private static void put(Map<String, String> into, Resolve resolve, CanonicalAbi abi, boolean imports, String prefix,
                            WitFunction f) {
        String name = resolve.functionName(f);
        String key = imports ? "import " + prefix + " " + name : "export " + prefix + name;
        into.put(key, abi.flattenFunction(f, imports ? Context.LOWER : Context.LIFT).toString());
    }

    /** Import and export names of the core module to their function types, written like {@link FlatSignature}. */
    private static Map<String, String> signatures(String wat) {
        Map<String, String> types = new HashMap<>();
        Matcher t = TYPE.matcher(wat);
        while (t.find()) types.put(t.group(1), "(func" + t.group(2) + ")");
        Map<String, String> funcTypes = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        Matcher i = IMPORT.matcher(wat);
        while (i.find()) {
            funcTypes.put(i.group(3), i.group(4));
            out.put("import " + i.group(1) + " " + i.group(2), types.get(i.group(4)));
        }
        Matcher f = FUNC.matcher(wat);
        while (f.find()) funcTypes.put(f.group(1), f.group(2));
        Matcher x = EXPORT.matcher(wat);
        while (x.find()) out.put("export " + x.group(1), types.get(funcTypes.get(x.group(2))));
        return out;
    }
}
