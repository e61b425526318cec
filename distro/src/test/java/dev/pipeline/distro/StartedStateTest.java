package dev.pipeline.distro;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pre-initialisation keeps CPython's own start in the user's cache (init-start/), by runtime and by the modules of
 * the image that start reads: a rebuild restores it instead of starting CPython again, and gives the same bytes as a
 * build that started CPython itself; an image whose start-up modules differ gets a start of its own.
 */
class StartedStateTest extends ComponentTest {
    static final String WIT = """
            package test:started;

            world started {
                export docs: func() -> string;
            }
            """;

    static final String APP = """
            import encodings
            import inspect

            import wit_world


            class WitWorld(wit_world.WitWorld):
                def docs(self) -> str:
                    return "encodings %s, inspect %s" % (encodings.__doc__ is None, inspect.__doc__ is None)
            """;

    private Path cache;
    private Map<String, String> env;

    @BeforeEach
    void privateStartCache() throws IOException {
        // a private cache for the started states; the runtime's JVM classes are shared (translating it is minutes)
        cache = Files.createDirectories(dir.resolve("cache"));
        Files.createSymbolicLink(cache.resolve("chicory"), dev.pipeline.jvmhost.chicory.Engines.defaultCompilerCache().toAbsolutePath());
        env = Map.of("PIPELINE_CACHE", cache.toString());
    }

    private Path project(String name, int optimize) throws IOException {
        Path p = dir.resolve(name);
        ExtensionSources.write(p.resolve("started.wit"), WIT);
        ExtensionSources.write(p.resolve("app.py"), APP);
        ExtensionSources.write(p.resolve("recipe.toml"), """
                [app]
                module = "app"
                wit = "started.wit"
                world = "started"
                output = "build/started.wasm"

                [stages.packaging]
                optimize = %d
                """.formatted(optimize));
        return p;
    }

    private String build(Path project, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "run";
        args[1] = "recipe.toml";
        args[2] = "--verbose";
        System.arraycopy(extra, 0, args, 3, extra.length);
        Pipeline.Result r = Pipeline.run(project, env, args);
        assertEquals(0, r.code(), r::toString);
        return r.err();
    }

    @Test
    void aRebuildRestoresTheStartAndGivesTheSameBytes() throws IOException {
        Path p = project("app", 0);
        assertTrue(build(p).contains("its own part kept for the next builds"), "the first build starts CPython");
        byte[] first = Files.readAllBytes(p.resolve("build/started.wasm"));
        String again = build(p, "--no-cache");
        assertTrue(again.contains("its own part from the cache"), again);
        assertArrayEquals(first, Files.readAllBytes(p.resolve("build/started.wasm")), "restored: the same component");
        dev.pipeline.api.files.TempFiles.deleteTree(cache.resolve("init-start"));
        assertTrue(build(p, "--no-cache").contains("its own part kept for the next builds"));
        assertArrayEquals(first, Files.readAllBytes(p.resolve("build/started.wasm")), "started again: the same component");
        String out = jco.transpileAndRun(first, "started_o0", "console.log(component.docs());");
        assertTrue(out.contains("encodings False, inspect False"), out);
    }

    @Test
    void startUpModulesOfOtherBytesGetAStartOfTheirOwn() throws IOException {
        build(project("plain", 0));
        // optimize = 2 drops docstrings: the start-up modules (encodings, inspect, ...) differ from the first app's
        Path stripped = project("stripped", 2);
        assertTrue(build(stripped).contains("its own part kept for the next builds"), "not the first app's start");
        String out = jco.transpileAndRun(Files.readAllBytes(stripped.resolve("build/started.wasm")), "started_o2",
                "console.log(component.docs());");
        assertTrue(out.contains("encodings True, inspect True"), out);
    }
}
