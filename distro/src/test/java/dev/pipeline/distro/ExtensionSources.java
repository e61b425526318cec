package dev.pipeline.distro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The upstream sources of real C extension packages, fetched by scripts/fetch-extension-sources.sh (cached). */
final class ExtensionSources {
    private static Path root;

    private ExtensionSources() {}

    /** The folder holding src/ (unpacked tarballs) and deb/ (unpacked binary packages). */
    static synchronized Path root() {
        if (root != null) return root;
        String env = System.getenv("PIPELINE_EXT_SOURCES");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env, "src"))) return root = Path.of(env);
        try {
            Process p = new ProcessBuilder("bash", Pipeline.repo().resolve("scripts/fetch-extension-sources.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (p.waitFor() != 0 || lines.isEmpty()) throw new IllegalStateException("fetch-extension-sources.sh failed");
            return root = Path.of(lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path src(String rel) {
        return root().resolve("src").resolve(rel);
    }

    /** Pure-Python packages unpacked from Debian binary packages (six, Cython). */
    static Path distPackages() {
        return root().resolve("deb/usr/lib/python3/dist-packages");
    }

    static String toml(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
