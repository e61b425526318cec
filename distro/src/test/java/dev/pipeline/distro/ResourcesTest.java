package dev.pipeline.distro;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imported and exported resources through a real host: constructors, methods, statics, own and borrow handles; a
 * Python object's handle is dropped when it is collected or leaves a `with` block, and the host's drop of an
 * exported resource releases the Python object.
 */
class ResourcesTest extends ComponentTest {

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "none"})
    void resourcesWorkInBothDirections(String init) throws IOException {
        Path resources = Path.of("src/test/resources/resources").toAbsolutePath();
        Path p = Pipeline.copyProject(resources, dir.resolve("res-" + init));
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml")) + "\n[pipeline]\ninit = \"" + init + "\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/res.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export test:res/things@0.1.0;"), wit);
        String out = jco.transpileAndRun(component, "res_" + init, Map.of("test:res/host-res*", "./host.js"),
                Map.of("host.js", Files.readString(resources.resolve("host.js"))), Files.readString(resources.resolve("run.mjs")));
        assertTrue(out.contains("name a"), out);
        assertTrue(out.contains("combined a+bee"), out);
        assertTrue(out.contains("live 3"), out);
        assertTrue(out.contains("live after dispose 2"), out);
        assertTrue(out.contains("live after all 0"), out);
        assertTrue(out.contains("counters [1,2,12,2,1,0]"), out);
        assertTrue(out.contains("take-counter 42"), out);
        assertTrue(out.contains("DONE"), out);
    }
}
