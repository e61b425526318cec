package dev.pipeline.host.kit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.RuntimeKit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.pipeline.host.cache.ContentHash;

/**
 * Finds the runtime kit and the runtime module: {@code $PIPELINE_KIT} / {@code $PIPELINE_RUNTIME} (or the
 * {@code pipeline.kit} / {@code pipeline.runtime} system properties) if set, else the folders that
 * {@code runtime/build-kit.sh} and {@code runtime/link-runtime.sh} build into, running them (minutes the first
 * time, with progress on stderr) if needed. For the wasip2 target ({@link #forTarget}) the same with
 * {@code $PIPELINE_KIT_WASIP2} / {@code $PIPELINE_RUNTIME_WASIP2} ({@code pipeline.kit.wasip2} /
 * {@code pipeline.runtime.wasip2}) and {@code runtime/build-kit-wasip2.sh}.
 */
public final class KitLocator implements RuntimeKit {
    private final Path home;
    private final String target;
    private Path resolved;
    private Path runtime;
    private KitLocator wasip2;

    /** @param home the installation folder that holds {@code runtime/build-kit.sh}, or the source tree */
    public KitLocator(Path home) {
        this(home, dev.pipeline.api.stage.AppSpec.WASIP1);
    }

    private KitLocator(Path home, String target) {
        this.home = home;
        this.target = target;
    }

    @Override
    public synchronized RuntimeKit forTarget(String t) {
        if (t == null || t.equals(target)) return this;
        if (t.equals(dev.pipeline.api.stage.AppSpec.WASIP2) && target.equals(dev.pipeline.api.stage.AppSpec.WASIP1)) {
            if (wasip2 == null) wasip2 = new KitLocator(home, t);
            return wasip2;
        }
        throw new PipelineException("no runtime kit for target " + t);
    }

    private String suffix(String sep) {
        return target.equals(dev.pipeline.api.stage.AppSpec.WASIP1) ? "" : sep + target;
    }

    private String setting(String property, String env) {
        return System.getProperty(property + suffix("."), System.getenv(env + suffix("_").toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public synchronized Path root() {
        if (resolved != null) return resolved;
        String explicit = setting("pipeline.kit", "PIPELINE_KIT");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p.resolve("kit.json"))) {
                throw new PipelineException("PIPELINE_KIT" + suffix("_").toUpperCase(java.util.Locale.ROOT) + "=" + explicit
                        + " is not a runtime kit (no kit.json there)");
            }
            return resolved = p;
        }
        return resolved = runScript("build-kit" + suffix("-") + ".sh", "building the runtime kit" + suffix(" for "), Map.of());
    }

    @Override
    public synchronized Path runtime() {
        if (runtime != null) return runtime;
        String explicit = setting("pipeline.runtime", "PIPELINE_RUNTIME");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p.resolve("runtime.wasm"))) {
                throw new PipelineException("PIPELINE_RUNTIME" + suffix("_").toUpperCase(java.util.Locale.ROOT) + "=" + explicit
                        + " holds no runtime.wasm");
            }
            return runtime = p;
        }
        Path kit = root();
        return runtime = runScript("link-runtime.sh", "linking the runtime module", Map.of("PIPELINE_KIT", kit.toString()));
    }

    @Override
    public void linkRuntime(List<Path> inputs, Path out) {
        Path rt = runtime();
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script("link-runtime.sh").toString(), "--link", out.toString()));
        for (Path p : inputs) cmd.add(p.toString());
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("PIPELINE_KIT", root().toString());
            pb.environment().put("PIPELINE_RUNTIME", rt.toString());
            pb.redirectErrorStream(true);
            Process proc = pb.start();
            proc.getOutputStream().close();
            String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = proc.waitFor();
            if (rc != 0) {
                String errors = log.lines().filter(l -> !l.startsWith("[runtime")).map(String::strip)
                        .reduce((a, b) -> a + "\n" + b).orElse("");
                throw new PipelineException("linking the runtime module failed (exit " + rc + "):\n" + errors);
            }
        } catch (IOException e) {
            throw new PipelineException("cannot run link-runtime.sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while linking the runtime module");
        }
    }

    @Override
    public synchronized Path cython() {
        return runScript("fetch-cython.sh", "fetching Cython", Map.of());
    }

    @Override
    public synchronized Path adapter() {
        return runScript("fetch-adapter.sh", "fetching the WASI adapter", Map.of()).resolve("wasi_snapshot_preview1.reactor.wasm");
    }

    /** Runs a script of the runtime folder with progress on stderr; its last stdout line is the folder it made. */
    private Path runScript(String name, String what, Map<String, String> env) {
        Path script = script(name);
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
            pb.environment().putAll(env);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process proc = pb.start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = proc.waitFor();
            List<String> lines = out.lines().toList();
            if (rc != 0 || lines.isEmpty()) {
                throw new PipelineException(what + " failed (exit " + rc + "); its log is above");
            }
            return Path.of(lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            throw new PipelineException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while " + what);
        }
    }

    /**
     * A hash of everything the kit and the runtime module are built from (the runtime folder's scripts, pinned
     * checksums and C glue), any explicit kit/runtime folder, and the tool's own jars: stage cache keys include it,
     * so a changed runtime or a new version of the tool invalidates the stages built with the old one.
     */
    public String fingerprint() {
        ContentHash h = new ContentHash();
        h.add(String.valueOf(System.getProperty("pipeline.kit", System.getenv("PIPELINE_KIT"))));
        h.add(String.valueOf(System.getProperty("pipeline.runtime", System.getenv("PIPELINE_RUNTIME"))));
        h.add(String.valueOf(System.getProperty("pipeline.kit.wasip2", System.getenv("PIPELINE_KIT_WASIP2"))));
        h.add(String.valueOf(System.getProperty("pipeline.runtime.wasip2", System.getenv("PIPELINE_RUNTIME_WASIP2"))));
        for (Path dir : List.of(home.resolve("runtime"), home.resolve("distro/runtime"))) {
            if (Files.isDirectory(dir)) {
                h.addTree(dir, p -> !p.toString().contains("__pycache__"));
                break;
            }
        }
        // the tool's own code (host, pipeline-api and the bundled plugins): its jars are reproducible, so their bytes
        // change exactly when the code does
        for (Path dir : List.of(home.resolve("lib"), home.resolve("plugins"))) {
            if (Files.isDirectory(dir)) h.addTree(dir, p -> p.toString().endsWith(".jar"));
        }
        return h.hex();
    }

    private Path script(String name) {
        for (Path p : List.of(home.resolve("runtime").resolve(name), home.resolve("distro/runtime").resolve(name))) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new PipelineException("the runtime script " + name + " is missing under " + home
                + "; set PIPELINE_KIT and PIPELINE_RUNTIME to built folders");
    }
}
