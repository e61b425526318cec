package dev.pipeline.host.runtime;

import dev.pipeline.host.chicory.PipelineRuntime;
import dev.pipeline.host.chicory.RuntimeEngine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime starts under Chicory with nothing but a module image: no preopens, no environment. */
class RuntimeStartupTest {
    @Test
    void initialisesPythonAndImportsTheAppFromTheImage() throws Exception {
        var app = RuntimeFixtures.appDir(Map.of("hello_app.py", """
                import sys
                print("hello from", sys.implementation.name, sys.version_info[:2], sys.platform)
                """));
        byte[] image = RuntimeFixtures.image(app, "hello_app", null);
        RuntimeEngine engine = RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER);
        System.err.println("compile: " + engine.prepareMillis() + " ms");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(engine).image(image).stdout(out).stderr(err).build()) {
            long t0 = System.nanoTime();
            int rc = rt.init();
            System.err.println("init: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
            assertEquals(0, rt.init(), "init is idempotent");
            assertEquals("hello from cpython (3, 13) wasi\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }
}
