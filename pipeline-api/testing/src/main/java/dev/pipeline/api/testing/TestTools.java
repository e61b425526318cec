package dev.pipeline.api.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Locates the external tools the wasm tests use: the project root, the runtime kit (clang sysroot, CPython module)
 * and node_modules with jco. Each is found through its environment variable or the project's own setup script.
 */
public final class TestTools {
    private TestTools() {}

    private static Path kit;
    private static Path nodeModules;

    /** The project root: the nearest folder above the working directory holding scripts/setup-node.sh. */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("scripts/setup-node.sh"))) return p;
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the project root (scripts/setup-node.sh) above " + Path.of("").toAbsolutePath());
    }

    /** The runtime kit folder: $PIPELINE_KIT, else the last line of distro/runtime/build-kit.sh. */
    public static synchronized Path kit() {
        if (kit == null) {
            String env = System.getenv("PIPELINE_KIT");
            kit = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(lastLine(run(List.of("bash", projectRoot().resolve("distro/runtime/build-kit.sh").toString()), null, 3600)));
        }
        return kit;
    }

    /** The runtime module's folder: $PIPELINE_RUNTIME, else the last line of distro/runtime/link-runtime.sh. */
    public static synchronized Path runtime() {
        String env = System.getenv("PIPELINE_RUNTIME");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(lastLine(run(List.of("bash", projectRoot().resolve("distro/runtime/link-runtime.sh").toString()), null, 3600)));
    }

    /** node_modules holding @bytecodealliance/jco: $PIPELINE_NODE_MODULES, else the last line of scripts/setup-node.sh. */
    public static synchronized Path nodeModules() {
        if (nodeModules == null) {
            String env = System.getenv("PIPELINE_NODE_MODULES");
            nodeModules = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(lastLine(run(List.of("bash", projectRoot().resolve("scripts/setup-node.sh").toString()), null, 1800)));
        }
        return nodeModules;
    }

    /** The WASI preview1 reactor adapter shipped in jco's npm package. */
    public static Path reactorAdapter() {
        return nodeModules().resolve("@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm");
    }

    /** The WASI preview1 command adapter shipped in jco's npm package (exports {@code wasi:cli/run}). */
    public static Path commandAdapter() {
        return nodeModules().resolve("@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
    }

    /**
     * Compiles C sources with clang-19 for wasm32-wasip1 against the kit's sysroot, using a private resource
     * folder (inside {@code work}) that holds the kit's compiler-rt builtins. Extra flags go before the sources
     * ({@code --target=wasm32-wasip2 -fuse-ld=lld} compiles against the sysroot's wasip2 libc instead).
     */
    public static Path clang(Path work, String outName, List<String> flags, Path... sources) throws IOException {
        Path res = work.resolve("clang-resource");
        for (String triple : List.of("wasm32-unknown-wasip1", "wasm32-unknown-wasip2")) { // flags may choose wasip2
            Path lib = res.resolve("lib").resolve(triple);
            Files.createDirectories(lib);
            Path builtins = lib.resolve("libclang_rt.builtins.a");
            if (!Files.exists(builtins)) Files.copy(kit().resolve("clang-rt/libclang_rt.builtins.a"), builtins);
        }
        Path include = res.resolve("include");
        if (!Files.exists(include)) Files.createSymbolicLink(include, Path.of("/usr/lib/llvm-19/lib/clang/19/include"));
        Path out = work.resolve(outName);
        List<String> cmd = new ArrayList<>(List.of("clang-19", "--target=wasm32-wasip1",
                "--sysroot=" + kit().resolve("sysroot"), "-resource-dir=" + res, "-o", out.toString()));
        cmd.addAll(flags);
        for (Path s : sources) cmd.add(s.toString());
        run(cmd, work, 300);
        return out;
    }

    /** Runs a command, returns its stdout; fails with stdout and stderr when it exits non-zero. */
    public static String run(List<String> cmd, Path dir, long timeoutSeconds) {
        return run(cmd, dir, timeoutSeconds, false);
    }

    /** Like {@link #run(List, Path, long)}, but returns stdout followed by stderr. */
    public static String runWithStderr(List<String> cmd, Path dir, long timeoutSeconds) {
        return run(cmd, dir, timeoutSeconds, true);
    }

    public static String run(List<String> cmd, Path dir, long timeoutSeconds, boolean withStderr) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (dir != null) pb.directory(dir.toFile());
            Path err = Files.createTempFile("pipeline-test", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            String stdout = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("command failed (" + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr);
            }
            return withStderr ? stdout + stderr : stdout;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + cmd, e);
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
