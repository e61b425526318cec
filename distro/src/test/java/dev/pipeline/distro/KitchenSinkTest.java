package dev.pipeline.distro;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A world with every WIT type in both directions: node calls the Python exports with extreme values and the app
 * calls the JavaScript imports; results must round-trip exactly. Err becomes the err case; any other exception
 * traps with the Python traceback on stderr.
 */
class KitchenSinkTest extends ComponentTest {

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "none"})
    void everyTypeRoundTripsBothWays(String init) throws IOException {
        Path resources = Path.of("src/test/resources/kitchen").toAbsolutePath();
        Path p = Pipeline.copyProject(resources, dir.resolve("kitchen-" + init));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[pipeline]\ninit = \"" + init + "\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/kitchen.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export test:kitchen/api@0.1.0;"), wit);
        assertTrue(wit.contains("import test:kitchen/host@0.1.0;"), wit);

        String out = jco.transpileAndRun(component, "kitchen_" + init, Map.of("test:kitchen/host*", "./host.js"),
                Map.of("host.js", Files.readString(resources.resolve("host.js"))), Files.readString(resources.resolve("run.mjs")), true);
        assertFalse(out.contains("FAIL"), out);
        assertTrue(out.contains("DONE"), out);
        long oks = out.lines().filter(l -> l.startsWith("OK ") || l.startsWith("host OK ")).count();
        assertTrue(oks >= 40, "all checks ran (" + oks + "):\n" + out);
        // CPython colours tracebacks: the WASI shim reports stderr as a terminal
        String plain = out.replaceAll("\u001B\\[[0-9;]*m", "");
        assertTrue(plain.contains("RuntimeError: boom from python"), "the traceback reaches stderr:\n" + out);
        assertTrue(plain.contains("Traceback (most recent call last)"), out);
    }
}
