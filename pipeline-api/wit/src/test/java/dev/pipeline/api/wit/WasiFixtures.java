package dev.pipeline.api.wit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the WASI WIT packages shipped in jco's npm package (via PIPELINE_NODE_MODULES or scripts/setup-node.sh). */
public final class WasiFixtures {
    /** The WASI 0.2 packages the tests and benchmark resolve. */
    public static final List<String> PACKAGES = List.of("io", "clocks", "random", "filesystem", "sockets", "cli", "http");

    private static Path nodeModules;

    private WasiFixtures() {}

    /** The node_modules folder holding {@code @bytecodealliance/jco}. */
    public static synchronized Path nodeModules() {
        if (nodeModules != null) return nodeModules;
        String env = System.getenv("PIPELINE_NODE_MODULES");
        if (env != null && !env.isBlank()) return nodeModules = Path.of(env);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/setup-node.sh"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("PIPELINE_NODE_MODULES is unset and scripts/setup-node.sh was not found");
        try {
            Process p = new ProcessBuilder("bash", dir.resolve("scripts/setup-node.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("setup-node.sh failed");
            String[] lines = out.strip().split("\n");
            return nodeModules = Path.of(lines[lines.length - 1].strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The folder of jco's built-in WASI WIT for one version, e.g. {@code 0.2.12}. */
    public static Path builtin(String version) {
        return nodeModules().resolve("@bytecodealliance/jco/lib/wit/builtin/" + version);
    }

    /** The {@code package.wit} of one WASI package, e.g. {@code http}. */
    public static Path packageFile(String version, String name) {
        return builtin(version).resolve("wasi-" + name + "/package.wit");
    }

    /**
     * Lays out a WIT folder in {@code into} (a temporary folder): the root package's file at the top and the other
     * WASI packages under {@code deps/}.
     */
    public static Path layout(Path into, String version, String rootName) throws IOException {
        Files.createDirectories(into.resolve("deps"));
        for (String name : packagesOf(version)) {
            Path source = packageFile(version, name);
            Path target = name.equals(rootName) ? into.resolve(name + ".wit") : into.resolve("deps/" + name + ".wit");
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return into;
    }

    /** The WASI package names present for a version. */
    public static List<String> packagesOf(String version) {
        List<String> out = new ArrayList<>();
        for (String p : PACKAGES) if (Files.isRegularFile(packageFile(version, p))) out.add(p);
        return out;
    }
}
