package dev.pipeline.host.kit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.RuntimeKit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the runtime kit: {@code $PIPELINE_KIT} (or {@code -Dpipeline.kit}) if set, else the folder that
 * {@code distro/runtime/build-kit.sh} builds into, running that script (minutes, with progress) if needed.
 */
public final class KitLocator implements RuntimeKit {
    private final Path home;
    private Path resolved;

    /** @param home the installation folder that holds {@code runtime/build-kit.sh}, or the source tree */
    public KitLocator(Path home) {
        this.home = home;
    }

    @Override
    public synchronized Path root() {
        if (resolved != null) return resolved;
        String explicit = System.getProperty("pipeline.kit", System.getenv("PIPELINE_KIT"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p.resolve("kit.json"))) {
                throw new PipelineException("PIPELINE_KIT=" + explicit + " is not a runtime kit (no kit.json there)");
            }
            return resolved = p;
        }
        Path script = buildScript();
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process proc = pb.start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = proc.waitFor();
            List<String> lines = out.lines().toList();
            if (rc != 0 || lines.isEmpty()) {
                throw new PipelineException("building the runtime kit failed (exit " + rc + ")");
            }
            resolved = Path.of(lines.get(lines.size() - 1).trim());
            return resolved;
        } catch (IOException e) {
            throw new PipelineException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while building the runtime kit");
        }
    }

    private Path buildScript() {
        for (Path p : List.of(home.resolve("runtime/build-kit.sh"), home.resolve("distro/runtime/build-kit.sh"))) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new PipelineException("the runtime kit build script is missing under " + home
                + "; set PIPELINE_KIT to a built kit");
    }
}
