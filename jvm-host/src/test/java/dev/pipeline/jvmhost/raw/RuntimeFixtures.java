package dev.pipeline.jvmhost.raw;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.pipeline.api.stage.UserCache;
import dev.pipeline.api.testing.TestTools;

/**
 * Locates the runtime kit and runtime.wasm (env PIPELINE_KIT / PIPELINE_RUNTIME, else by running
 * distro/runtime/build-kit.sh and link-runtime.sh), builds module images with the kit's native python and
 * distro/runtime/mkimage.py, and shares one compiled engine per mode across tests.
 */
final class RuntimeFixtures {
    private static final Map<RuntimeEngine.Mode, RuntimeEngine> ENGINES = new ConcurrentHashMap<>();

    private RuntimeFixtures() { }

    static Path runtimeWasm() {
        Path p = TestTools.runtime();
        return Files.isRegularFile(p) ? p : p.resolve("runtime.wasm");
    }

    /**
     * One engine per mode for the whole test run; compiled classes are kept in $PIPELINE_CACHE/chicory (default
     * ~/.cache/pipeline/chicory) so later runs skip the compile.
     */
    static RuntimeEngine engine(RuntimeEngine.Mode mode) {
        return ENGINES.computeIfAbsent(mode, m -> RuntimeEngine.load(runtimeWasm(), m, compilerCache()));
    }

    static Path compilerCache() {
        return UserCache.root().resolve("chicory");
    }

    /**
     * Builds a module image: the app folder plus the kit's stdlib as roots, the given modules (and
     * encodings.*) with their import closure, an optional descriptor table, and the app module name.
     */
    static byte[] image(Path appDir, String appModule, byte[] descriptor, String... extraModules) throws IOException {
        Path work = Files.createTempDirectory("pipeline-image");
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    TestTools.kit().resolve("native/bin/python3.13").toString(),
                    TestTools.projectRoot().resolve("distro/runtime/mkimage.py").toString(),
                    "--root", appDir.toString(),
                    "--root", TestTools.kit().resolve("stdlib/python3.13").toString(),
                    "--module", "encodings.*", "--closure",
                    "--app", appModule,
                    "--out", work.resolve("app.plim").toString()));
            for (String m : extraModules) {
                cmd.add("--module");
                cmd.add(m);
            }
            if (descriptor != null) {
                Files.write(work.resolve("world.pldt"), descriptor);
                cmd.add("--descriptor");
                cmd.add(work.resolve("world.pldt").toString());
            }
            TestTools.run(cmd, null, 600);
            return Files.readAllBytes(work.resolve("app.plim"));
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes the Python sources into a fresh folder (name -> source). */
    static Path appDir(Map<String, String> sources) throws IOException {
        Path dir = Files.createTempDirectory("pipeline-app");
        for (var e : sources.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
