import dev.pipeline.jvmhost.ExportedFunction;
import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;

import java.nio.file.Path;

/**
 * Times the echo component on the JVM host (Chicory compiler, classes from the cache when warm): load, instantiate,
 * first call, then per-call cost of echo-u8 and of echo-string with 1 KiB, on the instance thread and on the
 * caller's thread. Prints one JSON line. Usage: java -cp LIB/* JvmHostBench.java echo.wasm CALLS
 */
public final class JvmHostBench {
    public static void main(String[] args) throws Exception {
        Path wasm = Path.of(args[0]);
        int calls = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        PythonComponent c = PythonComponent.load(wasm);
        long t1 = System.nanoTime();
        String kib = "x".repeat(1024);
        double[] out = new double[8];
        try (PythonInstance i = c.instantiate(InstanceOptions.builder().build())) {
            long t2 = System.nanoTime();
            i.call("echo-u8", (short) 7);
            long t3 = System.nanoTime();
            out[0] = (t1 - t0) / 1e6;
            out[1] = (t2 - t1) / 1e6;
            out[2] = (t3 - t2) / 1e6;
            out[3] = perCall(i.function("echo-u8"), (short) 200, calls);
            out[4] = perCall(i.function("echo-string"), kib, calls);
        }
        Thread t = new Thread(null, () -> {
            try (PythonInstance i = c.instantiate(InstanceOptions.builder().callerThread(true).build())) {
                out[5] = perCall(i.function("echo-u8"), (short) 200, calls);
                out[6] = perCall(i.function("echo-string"), kib, calls);
            }
            long t4 = System.nanoTime();
            int n = 10;
            for (int k = 0; k < n; k++) {
                try (PythonInstance i = c.instantiate(InstanceOptions.builder().callerThread(true).build())) {
                    i.call("echo-u8", (short) 1);
                }
            }
            out[7] = (System.nanoTime() - t4) / 1e6 / n;
        }, "bench", 256L << 20);
        t.start();
        t.join();
        System.out.printf("{\"loadMs\":%.1f,\"instantiateMs\":%.2f,\"firstCallMs\":%.2f,\"u8Us\":%.2f,\"stringUs\":%.2f,"
                + "\"u8CallerUs\":%.2f,\"stringCallerUs\":%.2f,\"instancePlusCallMs\":%.2f}%n",
                out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7]);
    }

    private static double perCall(ExportedFunction f, Object arg, int calls) {
        for (int k = 0; k < calls / 2; k++) f.call(arg);   // warm-up
        long t = System.nanoTime();
        for (int k = 0; k < calls; k++) f.call(arg);
        return (System.nanoTime() - t) / 1e3 / calls;
    }
}
