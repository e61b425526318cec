package dev.pipeline.api.wit;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.text.WitJson;
import dev.pipeline.api.wit.text.WitPrinter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random edits of valid WIT (seeded; {@code -Dwit.fuzz.seed}, {@code -Dwit.fuzz.cases}): loading must either succeed
 * or throw {@link PipelineException}, never anything else, and never hang. What loads must also print, re-parse to
 * the same model, and go through the canonical ABI.
 */
class WitFuzzTest {
    /** A valid root file and its dependency files. */
    record Sample(String name, String text, Map<String, String> deps) {}

    @Test
    void randomEditsGiveOnlyDiagnostics() throws Exception {
        long seed = Long.getLong("wit.fuzz.seed", 20260101L);
        int cases = Integer.getInteger("wit.fuzz.cases", 10_000);
        List<Sample> samples = samples();
        Random random = new Random(seed);
        int[] counts = new int[2]; // accepted, rejected
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int i = 0; i < cases; i++) {
                Sample s = samples.get(random.nextInt(samples.size()));
                String mutated = WitMutator.mutate(s.text(), random);
                try {
                    Resolve r = WitLoader.parse(s.name(), mutated, s.deps(), Set.of(), random.nextBoolean());
                    counts[0]++;
                    checkAccepted(r, mutated, s);
                } catch (PipelineException expected) {
                    counts[1]++;
                    assertNotNull(expected.diagnostic().message());
                } catch (Throwable t) {
                    Path dump = Path.of("target", "fuzz-failure-" + seed + "-" + i + ".wit");
                    Files.createDirectories(dump.getParent());
                    Files.writeString(dump, mutated);
                    throw new AssertionError("case " + i + " (seed " + seed + ", input in " + dump + ") threw " + t, t);
                }
            }
        });
        System.out.printf("wit fuzz: seed %d, %d cases, %d accepted, %d rejected%n", seed, cases, counts[0], counts[1]);
        assertEquals(cases, counts[0] + counts[1]);
        assertTrue(counts[0] > 0 && counts[1] > 0, "the edits should produce both valid and invalid inputs");
    }

    /** What was accepted prints, re-parses to the same model, and has a canonical ABI for every function. */
    private static void checkAccepted(Resolve r, String text, Sample s) {
        String printed = WitPrinter.print(r);
        Resolve again;
        try {
            again = WitLoader.parse("printed.wit", printed, Map.of(), Set.of(), true);
        } catch (PipelineException e) {
            throw new AssertionError("printed model does not re-parse: " + e.getMessage() + "\n--- input\n" + text
                    + "\n--- printed\n" + printed, e);
        }
        assertEquals(WitJson.write(r), WitJson.write(again), "round trip changes the model of:\n" + text);
        CanonicalAbi abi = new CanonicalAbi(r);
        for (WitInterface i : r.interfaces()) {
            for (WitFunction f : i.functions().values()) {
                try {
                    abi.flattenFunction(f, CanonicalAbi.Context.LIFT);
                    abi.flattenFunction(f, CanonicalAbi.Context.LOWER);
                } catch (PipelineException tooLarge) {
                    // fixed-length lists can make a type too large for 32-bit memory: a diagnostic, not a crash
                }
            }
        }
    }

    static List<Sample> samples() throws IOException, URISyntaxException {
        List<Sample> out = new ArrayList<>();
        Path kitchen = Path.of(WitFuzzTest.class.getResource("/wit/valid/kitchen").toURI());
        String dep = Files.readString(kitchen.resolve("deps/dep.wit"));
        String nested = Files.readString(kitchen.resolve("nested.wit")).replace("package demo:kitchen@1.2.0;", "");
        String types = Files.readString(kitchen.resolve("types.wit"));
        String worlds = Files.readString(kitchen.resolve("worlds.wit"));
        out.add(new Sample("kitchen.wit", types + "\n" + worlds, Map.of("dep.wit", dep, "nested.wit", nested)));
        out.add(new Sample("types.wit", types.replace("use demo:dep/shapes@0.1.0 as shp;", "")
                .replace("use shp.{shape, point as pt};", "type shape = u8; type pt = u16;"), Map.of()));
        for (String version : List.of("0.2.12", "0.3.0")) {
            Map<String, String> wasi = new LinkedHashMap<>();
            for (String p : WasiFixtures.packagesOf(version)) wasi.put(p, Files.readString(WasiFixtures.packageFile(version, p)));
            for (String root : wasi.keySet()) {
                Map<String, String> deps = new LinkedHashMap<>(wasi);
                deps.remove(root);
                out.add(new Sample(root + "@" + version + ".wit", wasi.get(root), deps));
            }
        }
        return out;
    }
}
