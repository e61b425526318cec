package dev.pipeline.distro;

import dev.pipeline.testkit.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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
        Distribution.Result r = distribution().run(workDir, env, args);
        return new Result(r.code(), r.out(), r.err());
    }

    /** Starts {@code bin/pipeline} without waiting, its output going to two files. */
    static Process start(Path workDir, Map<String, String> env, Path out, Path err, String... args) throws IOException {
        return distribution().start(workDir, env, out, err, args);
    }

    /** Copies an example (or any folder) of the repository into {@code target}, so builds write only there. */
    static Path copyProject(Path source, Path target) {
        return Distribution.copyProject(source, target);
    }

    /** The assembled distribution, driven through the plugin test kit (the same runner plugin authors use). */
    static Distribution distribution() {
        return Distribution.at(home());
    }

    /** The repository root (the folder holding distro/). */
    static Path repo() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
