package dev.pipeline.host.runtime;

import dev.pipeline.host.chicory.RuntimeEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates the runtime kit and runtime.wasm (env PIPELINE_KIT / PIPELINE_RUNTIME, else by running
 * distro/runtime/build-kit.sh and link-runtime.sh), builds module images with the kit's native python and
 * distro/runtime/mkimage.py, and shares one compiled engine per mode across tests.
 */
final class RuntimeFixtures {
    private static Path kit, runtime;
    private static final Map<RuntimeEngine.Mode, RuntimeEngine> ENGINES = new ConcurrentHashMap<>();

    private RuntimeFixtures() { }

    /** The source tree root: the first parent holding distro/runtime/build-kit.sh. */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("distro/runtime/build-kit.sh"))) return p;
        }
        throw new IllegalStateException("distro/runtime/build-kit.sh not found above " + Path.of("").toAbsolutePath());
    }

    static synchronized Path kit() {
        if (kit == null) kit = fromEnvOrScript("PIPELINE_KIT", "distro/runtime/build-kit.sh");
        return kit;
    }

    /** The folder holding runtime.wasm. */
    static synchronized Path runtimeDir() {
        if (runtime == null) runtime = fromEnvOrScript("PIPELINE_RUNTIME", "distro/runtime/link-runtime.sh");
        return runtime;
    }

    static Path runtimeWasm() {
        Path p = runtimeDir();
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
        return dev.pipeline.host.cache.StageCache.defaultRoot().resolve("chicory");
    }

    private static Path fromEnvOrScript(String env, String script) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank()) return Path.of(v);
        String out = exec(List.of("bash", repoRoot().resolve(script).toString()), null);
        List<String> lines = out.lines().toList();
        return Path.of(lines.get(lines.size() - 1).trim());
    }

    /**
     * Builds a module image: the app folder plus the kit's stdlib as roots, the given modules (and
     * encodings.*) with their import closure, an optional descriptor table, and the app module name.
     */
    static byte[] image(Path appDir, String appModule, byte[] descriptor, String... extraModules) throws IOException {
        Path work = Files.createTempDirectory("pipeline-image");
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    kit().resolve("native/bin/python3.13").toString(),
                    repoRoot().resolve("distro/runtime/mkimage.py").toString(),
                    "--root", appDir.toString(),
                    "--root", kit().resolve("stdlib/python3.13").toString(),
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
            exec(cmd, null);
            return Files.readAllBytes(work.resolve("app.plim"));
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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

    private static String exec(List<String> cmd, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (dir != null) pb.directory(dir.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed with exit " + rc);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
