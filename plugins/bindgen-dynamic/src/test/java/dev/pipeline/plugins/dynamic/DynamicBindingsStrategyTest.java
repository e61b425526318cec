package dev.pipeline.plugins.dynamic;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.world.WorldView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dynamic bindings: the descriptor in dynamic mode with exports routed through wit_dynamic's registry, the world
 * as data, and the fixed module's checks, names, handles and export registry (run by CPython with a fake runtime).
 */
class DynamicBindingsStrategyTest {
    @TempDir static Path dir;
    static Map<String, String> out;

    private static WorldView world() {
        Resolve r = WitLoader.load(Path.of("src/test/resources/dyn.wit"));
        return new WorldView(r, r.selectWorld("dyn"));
    }

    /** Runs the driver script against the generated files once; its output by line label. */
    @BeforeAll
    static void runDriver() throws Exception {
        Map<String, String> files = DynamicBindingsStrategy.files(world());
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve("python").resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-B", Path.of("src/test/resources/check_wit_dynamic.py").toAbsolutePath().toString(),
                dir.resolve("python").toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int sp = line.indexOf(' ', line.startsWith("bad ") ? 4 : 0);
            String key = line.startsWith("bad ") ? line.substring(0, sp) : null;
            if (key == null) {
                // labels are the words before the first value; the driver prints "label value..."
                for (String label : BY_LENGTH) if (line.startsWith(label + " ")) { key = label; break; }
            }
            if (key != null) out.put(key, line.substring(key.length() + 1));
        }
    }

    private static final List<String> LABELS = List.of("call full", "call short", "call nover", "call world", "unknown",
            "str for u8", "256 for u8", "bool for u8", "arity", "missing field", "extra field", "field type", "all good",
            "payload on empty", "bare case", "handles", "read", "no method", "wrong handle", "dropped", "after drop",
            "missing", "unknown export", "resource as function", "still missing", "no static", "checked", "run", "divide",
            "counter", "static", "borrowed arg", "bad result", "functions", "export fn");
    private static final List<String> BY_LENGTH = LABELS.stream().sorted((a, b) -> b.length() - a.length()).toList();

    @Test
    void descriptorIsDynamicAndRoutesExportsThroughTheRegistry() {
        byte[] d = DynamicBindingsStrategy.descriptor(world());
        assertEquals("PLDT", new String(d, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(1, d[8], "mode byte: dynamic");
        String text = new String(d, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("wit_dynamic:_exports._checked"), "freestanding/static target");
        assertTrue(text.contains("export:test:dyn/api@0.1.0#divide"), "method looked up on the registry by full name");
        assertTrue(text.contains("export:run"));
        assertTrue(text.contains("wit_dynamic:_exports._checked.new:"), "constructor target");
        assertTrue(text.contains("[method]counter.incr"), "method attribute installed on the app's class");
        assertFalse(text.contains("wit_world"), "no generated classes");
    }

    @Test
    void worldShipsAsDataAndAsAListing() throws Exception {
        Map<String, String> files = DynamicBindingsStrategy.files(world());
        assertEquals(List.of("wit_dynamic/__init__.py", "wit_dynamic/_world.py", "componentize_py_types.py"), List.copyOf(files.keySet()));
        String data = files.get("wit_dynamic/_world.py");
        assertTrue(data.contains("(\"record\", \"point\", ((\"x\", "), data);
        assertTrue(data.contains("(\"test:dyn/types@0.1.0#echo-u8\", \"test:dyn/types@0.1.0\", \"echo-u8\", \"freestanding\", None, ((\"x\", "), data);
        assertFalse(data.contains("class "), "data, not classes");
        assertEquals(data, DynamicBindingsStrategy.files(world()).get("wit_dynamic/_world.py"), "reproducible");
        String listing = new WorldSignatures(world()).listing();
        assertTrue(listing.contains("import test:dyn/types@0.1.0#echo-u8(x: u8) -> u8\n"), listing);
        assertTrue(listing.contains("import log(message: string)\n"), listing);
        assertTrue(listing.contains("export test:dyn/api@0.1.0#divide(a: u32, b: u32) -> result<u32, string>\n"), listing);
        assertTrue(listing.contains("import test:dyn/types@0.1.0#echo-all(s: shape, c: color, p: perms, o: option<option<u32>>, "
                + "r: result<string, color>, t: tuple<char, f64>, l: list<string>, b: list<u8>) -> string"), listing);
        assertTrue(listing.contains("import test:dyn/types@0.1.0#[static]blob.merge(a: borrow<blob>, b: own<blob>) -> own<blob>"), listing);
    }

    @Test
    void importsByFullVersionlessAndShortName() {
        assertEquals("7", out.get("call full"));
        assertEquals("255", out.get("call short"));
        assertEquals("0", out.get("call nover"));
        assertEquals("None", out.get("call world"));
        assertTrue(out.get("unknown").startsWith("WitNameError: the world has no import named 'types#echo-u9'"), out.get("unknown"));
    }

    @Test
    void typeErrorsNameTheFunctionAndTheParameter() {
        assertEquals("WitTypeError: test:dyn/types@0.1.0#echo-u8: parameter 'x': expected u8 (an int), got 'a'", out.get("str for u8"));
        assertEquals("WitTypeError: test:dyn/types@0.1.0#echo-u8: parameter 'x': expected u8 (an int in 0..255), got 256", out.get("256 for u8"));
        assertEquals("WitTypeError: test:dyn/types@0.1.0#echo-u8: parameter 'x': expected u8 (an int), got True", out.get("bool for u8"));
        assertEquals("WitTypeError: test:dyn/types@0.1.0#echo-u8 takes 1 argument (x), got 0", out.get("arity"));
        assertEquals("WitTypeError: test:dyn/types@0.1.0#echo-point: parameter 'p': record point is missing field 'y'", out.get("missing field"));
        assertTrue(out.get("extra field").contains("record point has no field 'z'"), out.get("extra field"));
        assertTrue(out.get("field type").contains("parameter 'p'['y']: expected s32 (an int in -2147483648..2147483647), got 2147483648"), out.get("field type"));
        assertEquals("no error", out.get("all good"));
        String[] params = {"s", "c", "p", "o", "r", "t", "l", "b"};
        for (int i = 0; i < params.length; i++) {
            String line = out.get("bad " + i);
            assertTrue(line != null && line.startsWith("WitTypeError: test:dyn/types@0.1.0#echo-all: parameter '" + params[i] + "'"),
                    i + ": " + line);
        }
        assertTrue(out.get("bad 0").contains("variant shape: a (case, payload) tuple with case one of 'circle', 'rect', 'empty'"), out.get("bad 0"));
        assertTrue(out.get("bad 2").contains("'nope' is not a flag of perms"), out.get("bad 2"));
        assertTrue(out.get("bad 3").contains("(None or Some(...))"), out.get("bad 3"));
        assertTrue(out.get("bad 4").contains("parameter 'r'['ok']: expected string"), out.get("bad 4"));
        assertTrue(out.get("payload on empty").contains("case 'empty' of shape carries no payload"), out.get("payload on empty"));
        assertEquals("no error", out.get("bare case"));
    }

    @Test
    void importedResourcesAreHandles() {
        assertEquals("[<blob handle 7>, <blob handle 8>]", out.get("handles"));
        assertEquals("b'ab' True", out.get("read"), "a method by WIT name, the handle object passed as self");
        assertTrue(out.get("no method").contains("resource blob has no method 'write' (methods: read)"), out.get("no method"));
        assertTrue(out.get("wrong handle").contains("parameter 'b': expected own<blob> (a wit_dynamic.Handle of blob), got 'x'"), out.get("wrong handle"));
        assertTrue(out.get("dropped").endsWith("None"), out.get("dropped"));
        assertTrue(out.get("after drop").contains("the blob handle was already dropped or moved"), out.get("after drop"));
    }

    @Test
    void exportsAreRegisteredByNameAndCheckedForCompleteness() {
        assertTrue(out.get("missing").startsWith("LookupError: wit_dynamic: "), out.get("missing"));
        assertTrue(out.get("missing").contains("the world exports function `test:dyn/api@0.1.0#echo-point`, "
                + "but the app registers no implementation: decorate a function with @wit_dynamic.export('test:dyn/api@0.1.0#echo-point')"),
                out.get("missing"));
        assertTrue(out.get("missing").contains("the world exports resource `test:dyn/api@0.1.0#counter`"), out.get("missing"));
        assertTrue(out.get("unknown export").startsWith("WitNameError: the world has no export named 'api#nope'"), out.get("unknown export"));
        assertTrue(out.get("resource as function").contains("is a resource: register a class"), out.get("resource as function"));
        assertTrue(out.get("still missing").contains("`test:dyn/api@0.1.0#size`"), out.get("still missing"));
        assertFalse(out.get("still missing").contains("#divide"), "registered through a mapping");
        assertTrue(out.get("no static").contains("class Counter has no static method `make` for `[static]counter.make`"), out.get("no static"));
        assertEquals("True", out.get("checked"));
        assertEquals("7", out.get("run"));
        assertEquals("('err', 'division by zero')", out.get("divide"));
        assertEquals("Counter 7", out.get("counter"));
        assertEquals("3", out.get("static"));
        assertEquals("9", out.get("borrowed arg"), "a borrowed imported handle reaches the export as a Handle");
        assertTrue(out.get("bad result").contains("export run returned a value that does not fit its result: expected s64 (an int), got 'x'"),
                out.get("bad result"));
    }

    @Test
    void introspectionIsPlainData() {
        String f = out.get("functions");
        assertTrue(f.startsWith("16 {'name': 'test:dyn/types@0.1.0#echo-point', 'direction': 'import', 'interface': 'test:dyn/types@0.1.0', "
                + "'kind': 'freestanding', 'resource': None, 'params': [{'name': 'p', 'type': {'kind': 'record', 'name': 'point', "
                + "'fields': [{'name': 'x', 'type': 's32'}, {'name': 'y', 'type': 's32'}]}}]"), f);
        assertEquals("{'kind': 'result', 'ok': 'u32', 'err': 'string'} export", out.get("export fn"));
        assertTrue(Arrays.asList(out.keySet().toArray()).size() >= LABELS.size(), "every check printed: " + out.keySet());
    }
}
