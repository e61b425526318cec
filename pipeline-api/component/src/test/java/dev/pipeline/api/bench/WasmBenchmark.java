package dev.pipeline.api.bench;

import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.TestComponents;
import dev.pipeline.api.component.TypeScopeBuilder;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.SectionId;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): median time to read and write the debug-info CPython module, to read+write+check every
 * function body, and to build the hello component (with and without the WASI adapter), in a warm JVM.
 * Usage: {@code java -cp pipeline-api/target/classes:pipeline-api/target/test-classes
 * dev.pipeline.api.bench.WasmBenchmark [python.wasm]}.
 */
public final class WasmBenchmark {
    private WasmBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path python = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("user.home"), ".cache/pipeline/kit/work/wasm-build/python.wasm");
        if (!Files.exists(python)) python = TestTools.kit().resolve("python.wasm");
        byte[] bytes = Files.readAllBytes(python);
        System.out.printf(Locale.ROOT, "input %s: %.1f MB%n", python, bytes.length / 1e6);
        measure("read + write CPython module", 5, 15, () -> {
            byte[] out = ModuleWriter.write(ModuleReader.read(bytes, "python.wasm"));
            if (out.length != bytes.length) throw new IllegalStateException("round trip changed the size");
            return out.length;
        });
        measure("read + decode every body (validation pass)", 3, 7, () -> {
            Module m = ModuleReader.read(bytes, "python.wasm");
            for (int i = 0; i < m.code.size(); i++) m.code.get(i).check("f" + i);
            return m.code.size();
        });
        byte[] adapter = Files.readAllBytes(TestTools.reactorAdapter());
        byte[] helloCore = helloCore();
        measure("component new: hello, no adapter", 20, 50, () -> TestComponents.hello().length);
        measure("component new: hello + WASI adapter", 20, 50, () -> ComponentNew.encode(helloCore, adapter).length);
        byte[] pythonWithWorld = withEmptyWorld(bytes);
        measure("component new: CPython module + WASI adapter", 3, 7,
                () -> ComponentNew.encode(pythonWithWorld, adapter).length);
    }

    /** The hello test world's core module importing one WASI function, so the adapter is needed. */
    private static byte[] helloCore() {
        Module m = ModuleReader.read(TestComponents.helloCore(), "hello");
        return ModuleWriter.write(m);
    }

    /** The module with an empty world in its component-type section (CPython exports nothing of a world). */
    private static byte[] withEmptyWorld(byte[] module) {
        Module m = ModuleReader.read(module, "python.wasm");
        WorldEncoding.World empty = new WorldEncoding.World("bench:python/python", new TypeScopeBuilder().componentType());
        m.customSections.add(new CustomSection(WorldEncoding.sectionName(empty), WorldEncoding.customSection(empty),
                SectionId.DATA));
        return ModuleWriter.write(m);
    }

    private static void measure(String what, int warmup, int runs, Supplier<Integer> work) {
        for (int i = 0; i < warmup; i++) work.get();
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            work.get();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-45s median %8.1f ms  (min %.1f, max %.1f, %d runs)%n", what, t[runs / 2] / 1e6,
                t[0] / 1e6, t[runs - 1] / 1e6, runs);
    }
}
