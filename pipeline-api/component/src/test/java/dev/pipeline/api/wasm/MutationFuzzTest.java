package dev.pipeline.api.wasm;

import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentWit;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.component.Component;
import dev.pipeline.api.component.TestComponents;

/**
 * Seeded mutation fuzzing of the readers: every mutated binary must either decode or fail with a
 * {@link PipelineException} that names a byte offset; no other exception may escape. Decoded modules must write
 * out and read back to the same bytes.
 */
class MutationFuzzTest {
    private static final long SEED = 0x5eed_2026L;
    private static final int MODULE_CASES = 12_000;
    private static final int COMPONENT_CASES = 3_000;

    static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int kind = r.nextInt(7);
            int at = 8 + r.nextInt(Math.max(1, b.length - 8));
            switch (kind) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b[at] = (byte) (r.nextBoolean() ? 0x80 : 0xff);
                case 3 -> b = Arrays.copyOf(b, Math.max(8, at));
                case 4 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) r.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 5 -> {
                    if (b.length > 9) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
                default -> {
                    // a valid-looking but huge LEB128 count
                    if (at + 5 <= b.length) {
                        b[at] = (byte) 0xff; b[at + 1] = (byte) 0xff; b[at + 2] = (byte) 0xff; b[at + 3] = (byte) 0xff;
                        b[at + 4] = (byte) 0x0f;
                    }
                }
            }
            if (b.length <= 8) break;
        }
        return b;
    }

    private static void assertOffsetNamed(PipelineException e, byte[] input) {
        String m = e.getMessage();
        assertTrue(m.contains("byte offset") || m.contains("too short"), () -> "no byte offset in: " + m);
    }

    @Test
    void mutatedCoreModulesDecodeOrFailWithAnOffset(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("f.c");
        Files.writeString(c, """
                #include <wasm_simd128.h>
                #include <string.h>
                __attribute__((export_name("dot"))) float dot(const float *a, const float *b, int n) {
                    v128_t acc = wasm_f32x4_splat(0);
                    for (int i = 0; i + 4 <= n; i += 4)
                        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
                    return wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 3);
                }
                __attribute__((export_name("copy"))) void copy(char *d, const char *s, int n) { memcpy(d, s, n); }
                __attribute__((export_name("trunc"))) int trunc(double x) { return (int) x; }
                """);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(TestTools.clang(dir, "f.wasm", List.of("-O2", "-msimd128", "-mbulk-memory",
                "-mnontrapping-fptoint", "-nostdlib", "-Wl,--no-entry"), c)));
        seeds.add(Files.readAllBytes(TestTools.reactorAdapter()));
        SplittableRandom r = new SplittableRandom(SEED);
        int decoded = 0, rejected = 0;
        for (int i = 0; i < MODULE_CASES; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), r);
            try {
                Module m = ModuleReader.read(input, "case-" + i);
                ModuleValidator.check(m, "case-" + i);
                byte[] written = ModuleWriter.write(m);
                assertArrayEquals(written, ModuleWriter.write(ModuleReader.read(written, "rewritten")), "case " + i);
                decoded++;
            } catch (PipelineException e) {
                assertOffsetNamed(e, input);
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + i + " (seed " + SEED + "): unchecked " + e, e);
            }
        }
        System.out.println("module fuzz: " + decoded + " decoded and re-encoded, " + rejected + " rejected");
        assertEquals(MODULE_CASES, decoded + rejected);
        assertTrue(rejected > MODULE_CASES / 10, "most mutations break something: " + rejected);
        assertTrue(decoded > 0, "some mutations keep the module decodable: " + decoded);
    }

    @Test
    void mutatedComponentsDecodeOrFailWithAnOffset() throws Exception {
        // the adapter's component-type payload: a component full of instance and component types
        Module adapter = ModuleReader.read(TestTools.reactorAdapter());
        List<byte[]> seeds = List.of(adapter.customSections.stream().filter(s -> s.name().startsWith("component-type"))
                .findFirst().orElseThrow().data(), TestComponents.hello());
        SplittableRandom r = new SplittableRandom(SEED + 1);
        int printed = 0, rejected = 0;
        for (int i = 0; i < COMPONENT_CASES; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), r);
            try {
                Component decoded = ComponentDecoder.decode(input, "case-" + i);
                byte[] again = ComponentEncoder.encode(decoded);
                assertNotNull(ComponentDecoder.decode(again, "re-encoded"));
                assertNotNull(ComponentWit.print(decoded));
                printed++;
            } catch (PipelineException e) {
                // semantic errors (a type index that points nowhere) name the item, decoding errors the offset
                assertFalse(e.getMessage().isBlank());
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("component case " + i + " (seed " + SEED + "): unchecked " + e, e);
            }
        }
        System.out.println("component fuzz: " + printed + " printed as WIT, " + rejected + " rejected");
        assertTrue(printed > 0 && rejected > 0);
    }
}
