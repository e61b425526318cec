package dev.pipeline.plugins.freeze;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the runtime kit for tests: $PIPELINE_KIT, else the folder build-kit.sh prints (building it if needed). */
final class TestKit {
    private TestKit() {}

    static Path root() throws Exception {
        String env = System.getenv("PIPELINE_KIT");
        if (env != null && Files.isRegularFile(Path.of(env, "kit.json"))) return Path.of(env);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("distro/runtime/build-kit.sh"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("cannot find distro/runtime/build-kit.sh above the working folder");
        Process p = new ProcessBuilder("bash", dir.resolve("distro/runtime/build-kit.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("runtime kit build failed");
        return Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }
}
