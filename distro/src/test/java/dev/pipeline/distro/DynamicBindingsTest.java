package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bindings = "dynamic": the kitchen sink (every type both ways, an exported and an imported resource) written against
 * wit_dynamic runs in node with the same values as the static one; type errors raise Python exceptions inside the
 * component without trapping it; a world export without an implementation fails the build, naming it.
 */
class DynamicBindingsTest extends ComponentTest {
    private static final Path RESOURCES = Path.of("src/test/resources/dynamic").toAbsolutePath();

    @Test
    void kitchenSinkWithDynamicBindings() throws IOException {
        Path p = Pipeline.copyProject(RESOURCES, dir.resolve("dyn"));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("bindings: dynamic"), r.err());
        byte[] component = Files.readAllBytes(p.resolve("build/dyn.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export test:dyn/api@0.1.0;"), wit);
        assertTrue(wit.contains("import test:dyn/host@0.1.0;"), wit);
        assertTrue(wit.contains("import log: func(message: string);"), wit);

        String out = jco.transpileAndRun(component, "dyn", Map.of("test:dyn/host*", "./host.js", "log", "./log.js"),
                Map.of("host.js", Files.readString(RESOURCES.resolve("host.js")), "log.js", Files.readString(RESOURCES.resolve("log.js"))),
                Files.readString(RESOURCES.resolve("run.mjs")), true);
        assertFalse(out.contains("FAIL"), out);
        assertTrue(out.contains("DONE"), out);
        assertTrue(out.contains("log: hello Zoë 🌍"), out);
        long oks = out.lines().filter(l -> l.startsWith("OK ") || l.startsWith("host OK ")).count();
        assertTrue(oks >= 55, "all checks ran (" + oks + "):\n" + out);
        for (String check : List.of("host OK blob read", "host OK b moved", "host OK live 0 after drop", "host OK option Some(value=None)",
                "host OK fallible err", "OK counter static", "OK take-counter", "OK echo-option {\"tag\":\"some\"}")) {
            assertTrue(out.contains(check), check + ":\n" + out);
        }

        // type errors: Python exceptions naming the function and the parameter, and the instance keeps running
        for (String line : List.of(
                "type raised str for u8: WitTypeError: test:dyn/host@0.1.0#echo-u8: parameter 'x': expected u8 (an int), got 'a'",
                "type raised 256 for u8: WitTypeError: test:dyn/host@0.1.0#echo-u8: parameter 'x': expected u8 (an int in 0..255), got 256",
                "type raised missing field: WitTypeError: test:dyn/host@0.1.0#echo-point: parameter 'p': record point is missing field 'y'",
                "type raised arity: WitTypeError: test:dyn/host@0.1.0#echo-u8 takes 1 argument (x), got 2",
                "type raised enum: WitTypeError: test:dyn/host@0.1.0#echo-colors: parameter 'c'[1]: expected enum color (one of 'red', 'green', 'blue'), got 'purple'",
                "type raised unknown: WitNameError: the world has no import named 'host#echo-u9'; did you mean: test:dyn/host@0.1.0#echo-u8\n",
                "type raised dropped handle: WitTypeError: test:dyn/host@0.1.0#[static]blob.merge: parameter 'a': the blob handle was already dropped or moved",
                "type after: 9", "OK alive after type errors")) {
            assertTrue(out.contains(line), line + ":\n" + out);
        }
        // introspection from inside the component
        assertTrue(out.contains("describe import test:dyn/host@0.1.0#echo-flags(p: perms, m: many) -> tuple<perms, many>"), out);
        assertTrue(out.contains("describe export test:dyn/api@0.1.0#divide(a: u32, b: u32) -> result<u32, string>"), out);
        assertTrue(out.contains("describe import test:dyn/host@0.1.0#[static]blob.merge(a: borrow<blob>, b: own<blob>) -> own<blob>"), out);
        assertTrue(out.contains("describe export hello(name: string) -> string"), out);
    }

    @Test
    void anExportWithoutImplementationFailsTheBuild() throws IOException {
        Path p = Pipeline.copyProject(RESOURCES, dir.resolve("missing"));
        String app = Files.readString(p.resolve("app.py"));
        Files.writeString(p.resolve("app.py"), app.replace("@export(\"api#describe\")\n", ""));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("the world exports function `test:dyn/api@0.1.0#describe`, but the app registers no implementation: "
                + "decorate a function with @wit_dynamic.export('test:dyn/api@0.1.0#describe')"), r.err());
        assertFalse(Files.exists(p.resolve("build/dyn.wasm")), "no component written");
    }

    @Test
    void withoutPreInitialisationTheFirstCallNamesTheMissingExport() throws IOException {
        Path p = Pipeline.copyProject(RESOURCES, dir.resolve("missing-none"));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "init = \"none\"\n");
        String app = Files.readString(p.resolve("app.py"));
        Files.writeString(p.resolve("app.py"), app.replace("@export(\"api#describe\")\n", ""));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        String out = jco.transpileAndRun(Files.readAllBytes(p.resolve("build/dyn.wasm")), "dyn_none",
                Map.of("test:dyn/host*", "./host.js", "log", "./log.js"),
                Map.of("host.js", Files.readString(RESOURCES.resolve("host.js")), "log.js", Files.readString(RESOURCES.resolve("log.js"))),
                "try { component.hello('x'); console.log('FAIL returned'); } catch (e) { console.log('OK trapped'); }\n", true);
        assertTrue(out.contains("OK trapped"), out);
        assertTrue(out.contains("the world exports function `test:dyn/api@0.1.0#describe`, but the app registers no implementation"), out);
    }

    @Test
    void pluginsAndBindingsCommands() throws IOException {
        Pipeline.Result plugins = Pipeline.run(dir, "plugins");
        assertEquals(0, plugins.code(), plugins::toString);
        String bindings = plugins.out().substring(plugins.out().indexOf("  bindings — "), plugins.out().indexOf("  packaging — "));
        assertTrue(bindings.contains("\n    * static ") && bindings.contains("[bindgen-static "), plugins.out());
        assertTrue(bindings.contains("\n      dynamic ") && bindings.contains("[bindgen-dynamic "), plugins.out());

        Path p = Pipeline.copyProject(RESOURCES, dir.resolve("bindings"));
        Pipeline.Result r = Pipeline.run(p, "bindings", "recipe.toml", "-o", "out");
        assertEquals(0, r.code(), r::toString);
        String listing = Files.readString(p.resolve("out/wit_dynamic/signatures.txt"));
        assertTrue(listing.contains("import log(message: string)\n"), listing);
        assertTrue(listing.contains("import test:dyn/host@0.1.0#echo-option(o: option<option<u32>>) -> option<option<u32>>\n"), listing);
        assertTrue(listing.contains("export test:dyn/api@0.1.0#[constructor]counter(start: u32) -> own<counter>\n"), listing);
        assertTrue(Files.readString(p.resolve("out/wit_dynamic/__init__.py")).contains("def call(name, *args):"));
        assertTrue(Files.isRegularFile(p.resolve("out/wit_dynamic/_world.py")));
    }
}
