package dev.pipeline.plugins.bindgen;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.world.WorldView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.pipeline.api.python.SourceTree;

/**
 * The poll_loop helper: shipped for worlds that import wasi:io/poll, bound to the world's module names, behaving as
 * an asyncio loop (checked on CPython against fake bindings), and type-checking with the example http app.
 */
class PollLoopModuleTest {
    static final Path SOURCE = Path.of("../../examples/http").toAbsolutePath().normalize();
    /** A copy of the example with its wit/deps vendored by its own script (from jco's npm package). */
    static Path EXAMPLE;
    @TempDir static Path shared;
    @TempDir Path dir;

    @BeforeAll
    static void vendorExample() throws Exception {
        EXAMPLE = shared.resolve("http");
        copy(SOURCE.resolve("wit"), EXAMPLE.resolve("wit"));
        Files.copy(SOURCE.resolve("app.py"), EXAMPLE.resolve("app.py"));
        Process p = new ProcessBuilder("bash", SOURCE.resolve("vendor-wit.sh").toString(), EXAMPLE.resolve("wit/deps").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static WorldView world(Path wit, String name) {
        Resolve r = WitLoader.load(wit);
        return new WorldView(r, r.selectWorld(name));
    }

    private static String module(WorldView v) {
        return PollLoopModule.forWorld(v, new PythonLayout(v)).orElseThrow();
    }

    /** A world importing only wasi:io/poll@0.2.0 (WIT from the http example's deps). */
    private WorldView pollOnly() throws IOException {
        Path wit = dir.resolve("wit");
        copy(EXAMPLE.resolve("wit/deps/io"), wit.resolve("deps/io"));
        Files.writeString(wit.resolve("w.wit"), "package t:p;\n\nworld w {\n  import wasi:io/poll@0.2.0;\n}\n");
        return world(wit, "w");
    }

    @Test
    void proxyWorldBindsEveryHelperInterface() {
        String source = module(world(EXAMPLE.resolve("wit"), "app"));
        for (String line : List.of("import wit_world.imports.poll as _poll  # wasi:io/poll",
                "import wit_world.imports.streams as _streams  # wasi:io/streams",
                "import wit_world.imports.monotonic_clock as _clock  # wasi:clocks/monotonic-clock",
                "import wit_world.imports.types as _http  # wasi:http/types",
                "import wit_world.imports.outgoing_handler as _outgoing  # wasi:http/outgoing-handler")) {
            assertTrue(source.contains("\n" + line + "\n"), line + " in\n" + source);
        }
        assertTrue(source.contains("class PollLoop(asyncio.AbstractEventLoop):"));
    }

    @Test
    void interfacesTheWorldLacksAreNone() throws IOException {
        String source = module(pollOnly());
        assertTrue(source.contains("\nimport wit_world.imports.poll as _poll  # wasi:io/poll\n"), source);
        assertTrue(source.contains("\n_http = None  # wasi:http/types is not imported by this world\n"), source);
        assertTrue(source.contains("\n_outgoing = None  # wasi:http/outgoing-handler is not imported by this world\n"), source);
        assertTrue(source.contains("\n_clock = None  # wasi:clocks/monotonic-clock is not imported by this world\n"), source);
    }

    @Test
    void clashingInterfaceNamesBindToTheDisambiguatedModules() throws IOException {
        Path wit = dir.resolve("clash");
        copy(EXAMPLE.resolve("wit/deps"), wit.resolve("deps"));
        Files.writeString(wit.resolve("w.wit"), """
                package t:p;

                world w {
                  include wasi:http/proxy@0.2.0;
                  import wasi:filesystem/types@0.2.0;
                }
                """);
        String source = module(world(wit, "w"));
        assertTrue(source.contains("\nimport wit_world.imports.wasi_http_types as _http  # wasi:http/types\n"), source);
        assertFalse(source.contains("wasi_filesystem_types"), source);
    }

    @Test
    void aWorldModuleNameIsFollowed() {
        WorldView v = world(EXAMPLE.resolve("wit"), "app");
        String source = PollLoopModule.forWorld(v, new PythonLayout(v, "my_world")).orElseThrow();
        assertTrue(source.contains("\nimport my_world.imports.poll as _poll  # wasi:io/poll\n"), source);
        assertTrue(source.contains("\nimport my_world.imports.outgoing_handler as _outgoing  # wasi:http/outgoing-handler\n"), source);
        assertFalse(source.contains("import wit_world"), source);
    }

    @Test
    void worldsWithoutPollGetNoModule() {
        assertTrue(PollLoopModule.forWorld(world(Path.of("src/test/resources/kitchen/k.wit"), "kitchen"),
                new PythonLayout(world(Path.of("src/test/resources/kitchen/k.wit"), "kitchen"))).isEmpty());
    }

    @Test
    void behavesAsAnAsyncioLoopForTheHttpWorld() throws Exception {
        String out = checkOnCPython(module(world(EXAMPLE.resolve("wit"), "app")), "http");
        for (String name : List.of("echo_streams_body_through_a_small_sink", "send_returns_responses_as_they_arrive",
                "send_raises_the_error_code", "sink_reports_a_closed_stream", "timers_sleep_and_time_out",
                "gather_callbacks_and_executor", "errors_propagate_and_deadlocks_are_reported")) {
            assertTrue(out.contains("ok " + name + "\n"), name + ":\n" + out);
        }
    }

    @Test
    void behavesWithoutHttpOrAClock() throws Exception {
        String out = checkOnCPython(module(pollOnly()), "poll-only");
        for (String name : List.of("timers_sleep_and_time_out", "gather_callbacks_and_executor",
                "errors_propagate_and_deadlocks_are_reported", "http_helpers_name_what_is_missing")) {
            assertTrue(out.contains("ok " + name + "\n"), name + ":\n" + out);
        }
        assertFalse(out.contains("ok send_"), out);
    }

    @Test
    void exampleAppAndPollLoopPassMypyStrict() throws Exception {
        WorldView v = world(EXAMPLE.resolve("wit"), "app");
        Map<String, String> stubs = new StaticBindingsGenerator(v, new PythonLayout(v), true).generate();
        stubs.put(PollLoopModule.FILE, module(v));
        Path root = dir.resolve("stubs");
        SourceTree.write(root, stubs);
        Files.copy(EXAMPLE.resolve("app.py"), root.resolve("app.py"));
        Process p = new ProcessBuilder("/usr/bin/python3", "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null",
                "app.py", "poll_loop.py").directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "mypy --strict:\n" + out);
        assertTrue(out.contains("Success"), out);
    }

    /** Runs check_poll_loop.py with the module and the fake bindings; returns its output. */
    private String checkOnCPython(String pollLoop, String mode) throws Exception {
        Path work = dir.resolve("check-" + mode);
        copy(Path.of("src/test/resources/poll_loop"), work);
        Files.writeString(work.resolve(PollLoopModule.FILE), pollLoop);
        Files.writeString(work.resolve("componentize_py_types.py"), StaticBindingsGenerator.TYPES_MODULE);
        Process p = new ProcessBuilder("/usr/bin/python3", "-B", "check_poll_loop.py", mode).directory(work.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest);
            }
        }
    }
}
