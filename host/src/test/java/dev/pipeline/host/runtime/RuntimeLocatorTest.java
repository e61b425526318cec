package dev.pipeline.host.runtime;

import dev.pipeline.api.testing.TestTools;
import dev.pipeline.host.kit.KitLocator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host finds (or links) runtime.wasm the same way the tests do. */
class RuntimeLocatorTest {
    @Test
    void findsTheLinkedRuntimeModule() throws Exception {
        Path root = TestTools.projectRoot();
        Path wasm = new KitLocator(root).runtime().resolve("runtime.wasm");
        assertEquals("runtime.wasm", wasm.getFileName().toString());
        byte[] bytes = Files.readAllBytes(wasm);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));
        assertTrue(Files.isRegularFile(wasm.resolveSibling("runtime.debug.wasm")), "the unstripped module is kept beside it");
        assertTrue(Files.size(wasm.resolveSibling("runtime.debug.wasm")) > bytes.length, "runtime.wasm is stripped");
    }
}
