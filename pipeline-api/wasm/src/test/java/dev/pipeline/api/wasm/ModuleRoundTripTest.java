package dev.pipeline.api.wasm;

import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModuleRoundTripTest {

    private static void assertRoundTrip(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Module m = ModuleReader.read(bytes, file.getFileName().toString());
        byte[] again = ModuleWriter.write(m);
        assertEquals(bytes.length, again.length, "size after round trip of " + file);
        assertArrayEquals(bytes, again, "bytes after round trip of " + file);
        ModuleValidator.check(m, file.getFileName().toString());
    }

    @Test
    void cpythonModuleFromTheKitRoundTripsByteForByte() throws Exception {
        Path python = TestTools.kit().resolve("python.wasm");
        assertRoundTrip(python);
        Module m = ModuleReader.read(python);
        assertTrue(m.functionCount() > 1000, "CPython has thousands of functions");
        assertTrue(m.export("memory").isPresent());
    }

    @Test
    void wasiAdapterRoundTripsAndKeepsItsComponentTypeSection() throws Exception {
        Path adapter = TestTools.reactorAdapter();
        assertRoundTrip(adapter);
        Module m = ModuleReader.read(adapter);
        assertTrue(m.customSections.stream().anyMatch(c -> c.name().startsWith("component-type:")));
        assertTrue(m.customSection("target_features").isPresent());
    }

    @Test
    void clangModulesRoundTripByteForByte(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("m.c");
        Files.writeString(c, """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                __attribute__((export_name("work"))) int work(int n) {
                    char *p = malloc(n + 16);
                    memset(p, 'a', n);
                    p[n] = 0;
                    int len = (int) strlen(p);
                    free(p);
                    return len + (int) (n * 1.5);
                }
                int main(void) { printf("%d\\n", work(3)); return 0; }
                """);
        for (String opt : List.of("-O0", "-O2", "-Os")) {
            Path wasm = TestTools.clang(dir, "m" + opt + ".wasm", List.of(opt, "-g", "-mbulk-memory", "-msign-ext",
                    "-mnontrapping-fptoint", "-mmultivalue", "-msimd128"), c);
            assertRoundTrip(wasm);
        }
    }
}
