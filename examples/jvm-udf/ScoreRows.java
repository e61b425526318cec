import dev.pipeline.jvmhost.ExportedFunction;
import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Embeds a Python scoring function (app.py, built into build/scoring.wasm) in a Java program and calls it once per
 * generated row. Usage: java -cp "LIB/*" ScoreRows.java build/scoring.wasm [ROWS]
 */
public final class ScoreRows {
    private static final List<String> COUNTRIES = List.of("FR", "DE", "US", "JP", "BR");

    public static void main(String[] args) throws Exception {
        Path wasm = Path.of(args.length > 0 ? args[0] : "build/scoring.wasm");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;

        long t0 = System.nanoTime();
        PythonComponent component = PythonComponent.load(wasm);
        long t1 = System.nanoTime();
        // calls run on this thread (no hand-off per call); the thread gets a stack large enough for the runtime
        Thread worker = new Thread(null, () -> score(component, rows, t0, t1), "scoring", 256L << 20);
        worker.start();
        worker.join();
    }

    private static void score(PythonComponent component, int rows, long t0, long t1) {
        try (PythonInstance instance = component.instantiate(InstanceOptions.builder().callerThread(true).build())) {
            long t2 = System.nanoTime();
            ExportedFunction score = instance.function("score");
            SplittableRandom random = new SplittableRandom(42);
            Map<String, Object> row = new LinkedHashMap<>();
            double total = 0, best = Double.NEGATIVE_INFINITY;
            long bestId = -1, mismatches = 0, first = 0;
            long t3 = System.nanoTime();
            for (int id = 0; id < rows; id++) {
                row.put("id", (long) id);
                row.put("age", (short) (18 + random.nextInt(70)));
                row.put("income", 10_000 + random.nextDouble() * 190_000);
                row.put("country", COUNTRIES.get(random.nextInt(COUNTRIES.size())));
                row.put("clicks", (long) random.nextInt(50));
                double s = (Double) score.call(row);
                if (id == 0) first = System.nanoTime() - t3;
                if (id < 1000 && Math.abs(s - reference(row)) > 1e-9) mismatches++;
                total += s;
                if (s > best) {
                    best = s;
                    bestId = id;
                }
            }
            long t4 = System.nanoTime();
            System.out.printf("rows scored        %,d%n", rows);
            System.out.printf("sum of scores      %.6f%n", total);
            System.out.printf("best row           #%d (%.4f)%n", bestId, best);
            System.out.printf("checked in Java    first 1000 rows, %d mismatches%n", mismatches);
            System.out.printf("load component     %d ms (%s)%n", (t1 - t0) / 1_000_000, component.engine());
            System.out.printf("instantiate        %d ms%n", (t2 - t1) / 1_000_000);
            System.out.printf("first call         %.1f ms%n", first / 1e6);
            System.out.printf("per call           %.1f µs (%,.0f rows/s)%n", (t4 - t3) / 1e3 / rows, rows / ((t4 - t3) / 1e9));
            if (mismatches > 0) System.exit(1);
        }
    }

    /** The same formula in Java, to check the Python results. */
    private static double reference(Map<String, Object> row) {
        double weight = switch ((String) row.get("country")) {
            case "FR" -> 1.10;
            case "DE" -> 1.00;
            case "US" -> 1.30;
            case "JP" -> 1.20;
            default -> 0.90;
        };
        double base = Math.log1p((Double) row.get("income")) * weight;
        return base + 0.5 * (Long) row.get("clicks") - 0.01 * Math.abs((Short) row.get("age") - 35);
    }
}
