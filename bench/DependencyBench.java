import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;

import java.nio.file.Path;

/**
 * Per-call cost of crc32c called from Python, measured inside the component (its `bench` export times a loop of
 * calls) on the JVM host: the same app with crc32c linked and composed (examples/crc32c-component). Prints one
 * line per size: "jvm <form> <bytes|noop> <ns per call>" (median of 5 loops after a warm-up).
 * Usage: java -cp LIB/* DependencyBench.java linked.wasm composed.wasm
 */
public final class DependencyBench {
    public static void main(String[] args) throws Exception {
        String[] forms = {"linked", "composed"};
        Thread t = new Thread(null, () -> {
            for (int f = 0; f < 2; f++) {
                PythonComponent c = PythonComponent.load(Path.of(args[f]));
                try (PythonInstance i = c.instantiate(InstanceOptions.builder().callerThread(true).build())) {
                    System.out.printf("jvm %s noop %.0f%n", forms[f], perCall(i, new byte[0], true));
                    for (int n : new int[]{0, 64, 4096, 65536}) {
                        byte[] data = new byte[n];
                        for (int k = 0; k < n; k++) data[k] = (byte) (k * 31);
                        System.out.printf("jvm %s %d %.0f%n", forms[f], n, perCall(i, data, false));
                    }
                }
            }
        }, "bench", 256L << 20);
        t.start();
        t.join();
    }

    static double perCall(PythonInstance i, byte[] data, boolean noop) {
        long calls = data.length >= 65536 ? 200 : 2000;
        i.call("bench", data, calls, noop);   // warm-up
        double[] loops = new double[5];
        for (int k = 0; k < loops.length; k++) {
            loops[k] = ((Number) i.call("bench", data, calls, noop)).doubleValue() / calls;
        }
        java.util.Arrays.sort(loops);
        return loops[loops.length / 2];
    }
}
