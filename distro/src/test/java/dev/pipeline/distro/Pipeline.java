package dev.pipeline.distro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the assembled distribution's {@code bin/pipeline} as a user would, in a separate process. */
final class Pipeline {
    private Pipeline() {}

    /** Exit code and output of one command. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path home() {
        return Path.of("target/pipeline").toAbsolutePath();
    }

    static Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    /** Runs with extra environment variables (e.g. a private PIPELINE_CACHE, PIPELINE_JAVA_OPTS). */
    static Result run(Path workDir, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("pipeline-out", ".txt");
            Path err = Files.createTempFile("pipeline-err", ".txt");
            Process p = start(workDir, env, out, err, args);
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pipeline " + String.join(" ", args) + " did not finish in 15 minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code bin/pipeline} without waiting, its output going to two files. */
    static Process start(Path workDir, Map<String, String> env, Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/pipeline").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Copies an example (or any folder) of the repository into {@code target}, so builds write only there. */
    static Path copyProject(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path rel = source.relativize(p);
                if (rel.toString().startsWith("build")) continue;
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** The repository root (the folder holding distro/). */
    static Path repo() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
