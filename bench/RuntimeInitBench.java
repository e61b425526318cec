// Measures the pipeline runtime on Chicory: module compile (compiler mode) and pipeline_init per fresh
// instance, medians over several runs. Prints one JSON line.
// Run with the source launcher:
//   java -cp <host classes + deps> bench/RuntimeInitBench.java runtime.wasm image.plim MODE RUNS [COMPILER_CACHE_DIR]
import dev.pipeline.jvmhost.raw.PipelineRuntime;
import dev.pipeline.jvmhost.raw.RuntimeEngine;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class RuntimeInitBench {
    public static void main(String[] args) throws Exception {
        Path wasm = Path.of(args[0]);
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        RuntimeEngine.Mode mode = RuntimeEngine.Mode.valueOf(args[2]);
        int runs = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        RuntimeEngine engine = RuntimeEngine.load(wasm, mode, args.length > 4 ? Path.of(args[4]) : null);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long[] init = new long[runs];
        long[] instantiate = new long[runs];
        for (int i = 0; i < runs; i++) {
            var err = new ByteArrayOutputStream();
            long a = System.nanoTime();
            try (PipelineRuntime rt = PipelineRuntime.builder(engine).image(image).stderr(err).build()) {
                long b = System.nanoTime();
                int rc = rt.init();
                long c = System.nanoTime();
                if (rc != 0) throw new IllegalStateException("pipeline_init failed: " + err);
                instantiate[i] = (b - a) / 1_000_000;
                init[i] = (c - b) / 1_000_000;
            }
        }
        System.out.printf("{\"mode\":\"%s\",\"loadMs\":%d,\"instantiateMs\":%s,\"initMs\":%s,\"initMedianMs\":%d}%n",
                mode, loadMs, Arrays.toString(instantiate), Arrays.toString(init), median(init));
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
