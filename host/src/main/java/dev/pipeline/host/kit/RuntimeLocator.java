package dev.pipeline.host.kit;

import dev.pipeline.api.diag.PipelineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the runtime core module (runtime.wasm, see docs/runtime-abi.md): {@code $PIPELINE_RUNTIME} (or
 * {@code -Dpipeline.runtime}; a folder holding runtime.wasm, or the file) if set, else the folder that
 * {@code distro/runtime/link-runtime.sh} links into, running that script (seconds; it builds the kit first if
 * needed) with {@code PIPELINE_KIT} pointing at the kit the given locator found.
 */
public final class RuntimeLocator {
    private final Path home;
    private final KitLocator kit;
    private Path resolved;

    /**
     * @param home the installation folder that holds {@code runtime/link-runtime.sh}, or the source tree
     * @param kit  the kit the runtime is linked against
     */
    public RuntimeLocator(Path home, KitLocator kit) {
        this.home = home;
        this.kit = kit;
    }

    /** The stripped runtime module, runtime.wasm. */
    public synchronized Path runtimeModule() {
        if (resolved != null) return resolved;
        String explicit = System.getProperty("pipeline.runtime", System.getenv("PIPELINE_RUNTIME"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            Path wasm = Files.isDirectory(p) ? p.resolve("runtime.wasm") : p;
            if (!Files.isRegularFile(wasm)) {
                throw new PipelineException("PIPELINE_RUNTIME=" + explicit + " holds no runtime.wasm");
            }
            return resolved = wasm;
        }
        Path script = linkScript();
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
            pb.environment().put("PIPELINE_KIT", kit.root().toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process proc = pb.start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = proc.waitFor();
            List<String> lines = out.lines().toList();
            if (rc != 0 || lines.isEmpty()) {
                throw new PipelineException("linking the runtime failed (exit " + rc + ")");
            }
            resolved = Path.of(lines.get(lines.size() - 1).trim()).resolve("runtime.wasm");
            return resolved;
        } catch (IOException e) {
            throw new PipelineException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while linking the runtime");
        }
    }

    private Path linkScript() {
        for (Path p : List.of(home.resolve("runtime/link-runtime.sh"), home.resolve("distro/runtime/link-runtime.sh"))) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new PipelineException("the runtime link script is missing under " + home
                + "; set PIPELINE_RUNTIME to a built runtime");
    }
}
