package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** examples/hello built by bin/pipeline, validated by jco and run in node, with and without pre-initialisation. */
class HelloComponentTest extends ComponentTest {

    private static final String HOST = "export default function log(message) { console.log('host log: ' + message); }\n";

    private Path project(String init, String extraApp) throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve("hello-" + init));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[pipeline]\ninit = \"" + init + "\"\n");
        if (!extraApp.isEmpty()) Files.writeString(p.resolve("app.py"), Files.readString(p.resolve("app.py")) + extraApp);
        return p;
    }

    private byte[] build(Path project) throws IOException {
        Pipeline.Result r = Pipeline.run(project, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("wrote "), r.err());
        return Files.readAllBytes(project.resolve("build/hello.wasm"));
    }

    private void assertGreets(byte[] component, String name) {
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import log: func(message: string);"), wit);
        assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        String out = jco.transpileAndRun(component, name, Map.of("log", "./host.js"), Map.of("host.js", HOST), """
                console.log('result: ' + component.greet('world'));
                console.log('result: ' + component.greet('Zoë 🌍'));
                """);
        assertTrue(out.contains("host log: greeting world"), out);
        assertTrue(out.contains("result: Hello, world!"), out);
        assertTrue(out.contains("result: Hello, Zoë 🌍!"), out);
    }

    @Test
    void preinitialisedHelloRunsInNode() throws IOException {
        assertGreets(build(project("chicory", "")), "hello_chicory");
    }

    @Test
    void helloWithoutPreinitialisationRunsInNode() throws IOException {
        assertGreets(build(project("none", "")), "hello_none");
    }

    @Test
    void moduleLevelCodeRunsAtBuildTimeOnlyWhenPreinitialised() throws IOException {
        // the build-time clock is fixed at 2025-01-01T00:00:00Z; a module-level time.time() shows when the app was imported
        String probe = """

                import time as _time
                IMPORTED_AT = _time.time()
                _GREET = WitWorld.greet


                def _greet_with_probe(self, name):
                    return f"{_GREET(self, name)} imported-at={IMPORTED_AT:.0f}"


                WitWorld.greet = _greet_with_probe
                """;
        String js = "console.log('result: ' + component.greet('x'));\n";
        String pre = jco.transpileAndRun(build(project("chicory", probe)), "probe_chicory", Map.of("log", "./host.js"), Map.of("host.js", HOST), js);
        assertTrue(pre.contains("imported-at=1735689600"), "module-level code ran at build time: " + pre);
        String none = jco.transpileAndRun(build(project("none", probe)), "probe_none", Map.of("log", "./host.js"), Map.of("host.js", HOST), js);
        assertTrue(none.contains("imported-at=") && !none.contains("imported-at=1735689600"), "without pre-init it runs at run time: " + none);
    }

    @Test
    void theEnvironmentIsTheInstancesNotTheBuilds() throws IOException {
        // pre-initialisation sees no environment; the running instance sees its host's (node passes its own)
        String probe = """

                import os as _os
                BUILD_HOME = _os.environ.get("HOME", "<none>")
                _GREET2 = WitWorld.greet


                def _greet_with_env(self, name):
                    return f"build={BUILD_HOME} run={_os.environ.get('HOME', '<none>')}"


                WitWorld.greet = _greet_with_env
                """;
        String out = jco.transpileAndRun(build(project("chicory", probe)), "env_chicory", Map.of("log", "./host.js"),
                Map.of("host.js", HOST), "console.log('result: ' + component.greet('x'));\n");
        assertTrue(out.contains("result: build=<none> run=" + System.getenv("HOME")), out);
    }

    @Test
    void callingAnImportAtBuildTimeIsAClearError() throws IOException {
        Path p = project("chicory", "\nwit_world.log(\"too early\")\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("the app called the world's import `log` at build time"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(!Files.exists(p.resolve("build/hello.wasm")));
    }

    @Test
    void identicalInputsGiveIdenticalComponents() throws IOException {
        Path p = project("chicory", "");
        Pipeline.Result first = Pipeline.run(p, "run", "--no-cache", "recipe.toml");
        assertEquals(0, first.code(), first::toString);
        byte[] a = Files.readAllBytes(p.resolve("build/hello.wasm"));
        Pipeline.Result second = Pipeline.run(p, "run", "--no-cache", "recipe.toml");
        assertEquals(0, second.code(), second::toString);
        assertArrayEquals(a, Files.readAllBytes(p.resolve("build/hello.wasm")));
    }
}
