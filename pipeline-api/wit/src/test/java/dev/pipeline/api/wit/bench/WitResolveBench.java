package dev.pipeline.api.wit.bench;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WasiFixtures;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.text.WitPrinter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): parsing and resolving all WASI 0.2 packages in a warm JVM. Prints a table of medians.
 * Run after {@code mvn -q -o -pl pipeline-api test-compile}:
 * {@code java -cp pipeline-api/target/classes:pipeline-api/target/test-classes dev.pipeline.api.wit.bench.WitResolveBench [iterations]}.
 */
public final class WitResolveBench {
    private WitResolveBench() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String version = "0.2.12";
        Path dir = Files.createTempDirectory("wit-bench");
        WasiFixtures.layout(dir, version, "http");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String p : WasiFixtures.packagesOf(version)) texts.put(p, Files.readString(WasiFixtures.packageFile(version, p)));
        Map<String, String> deps = new LinkedHashMap<>(texts);
        String root = deps.remove("http");
        Resolve resolved = WitLoader.load(dir);

        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("load all 7 WASI " + version + " packages from disk", () -> WitLoader.load(dir));
        cases.put("parse + resolve all 7 from memory", () -> WitLoader.parse("http.wit", root, deps, java.util.Set.of(), false));
        cases.put("print the resolved model as WIT", () -> WitPrinter.print(resolved));
        cases.put("canonical ABI of every function", () -> {
            CanonicalAbi abi = new CanonicalAbi(resolved);
            int n = 0;
            for (var i : resolved.interfaces()) {
                for (var f : i.functions().values()) n += abi.flattenFunction(f, CanonicalAbi.Context.LIFT).params().size();
            }
            return n;
        });

        System.out.printf("WIT benchmark: %d iterations after %d warm-up, %d types, %d interfaces%n%n", iterations,
                iterations, resolved.types().size(), resolved.interfaces().size());
        System.out.printf("%-48s %10s %10s %10s%n", "case", "median ms", "p90 ms", "min ms");
        for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
            for (int i = 0; i < iterations; i++) c.getValue().get();
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                c.getValue().get();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%-48s %10.3f %10.3f %10.3f%n", c.getKey(), ms[iterations / 2], ms[(int) (iterations * 0.9)], ms[0]);
        }
        List<Path> created = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(created::add);
        }
        for (int i = created.size() - 1; i >= 0; i--) Files.deleteIfExists(created.get(i));
    }
}
