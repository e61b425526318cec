package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.wasm.ChicoryException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime starts under Chicory with nothing but a module image: no preopens, no environment. */
class RuntimeStartupTest {
    private static RuntimeEngine engine() {
        return RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER);
    }

    @Test
    void initialisesPythonAndImportsTheAppFromTheImage() throws Exception {
        var app = RuntimeFixtures.appDir(Map.of("hello_app.py", """
                import sys
                print("hello from", sys.implementation.name, sys.version_info[:2], sys.platform, sys.path)
                """));
        byte[] image = RuntimeFixtures.image(app, "hello_app", null);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(engine()).image(image).stdout(out).stderr(err).build()) {
            assertEquals(0, rt.init(), () -> err.toString(StandardCharsets.UTF_8));
            assertEquals(0, rt.init(), "init is idempotent");
            assertEquals("hello from cpython (3, 13) wasi []\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8), "no getpath warnings, nothing else");
        }
    }

    @Test
    void anAppThatFailsToImportMakesInitFailWithATraceback() throws Exception {
        var app = RuntimeFixtures.appDir(Map.of("broken_app.py", """
                def helper():
                    return 1 / 0
                helper()
                """));
        byte[] image = RuntimeFixtures.image(app, "broken_app", null);
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(engine()).image(image).stderr(err).build()) {
            assertEquals(1, rt.init());
            assertEquals(1, rt.init(), "failure is sticky");
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("Traceback (most recent call last)"), text);
            assertTrue(text.contains("broken_app.py\", line 2, in helper"), text);
            assertTrue(text.contains("ZeroDivisionError: division by zero"), text);
            assertThrows(ChicoryException.class, () -> rt.dispatch(0, new long[0], 1));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("the runtime failed to initialise"));
        }
    }

    @Test
    void aCorruptDescriptorIsReportedWithItsOffset() throws Exception {
        byte[] descriptor = new EchoWorld().descriptor;
        byte[] truncated = Arrays.copyOf(descriptor, descriptor.length - 3);
        var app = RuntimeFixtures.appDir(Map.of("empty_app.py", "\n"));
        byte[] image = RuntimeFixtures.image(app, "empty_app", truncated);
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(engine()).image(image).stderr(err).build()) {
            assertEquals(1, rt.init());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("descriptor table: truncated"), err::toString);
        }
    }

    @Test
    void imagesAreByteIdenticalForIdenticalInputs() throws Exception {
        var app = RuntimeFixtures.appDir(Map.of("same_app.py", "import json\n"));
        assertArrayEquals(RuntimeFixtures.image(app, "same_app", new byte[0]),
                RuntimeFixtures.image(app, "same_app", new byte[0]));
    }
}
