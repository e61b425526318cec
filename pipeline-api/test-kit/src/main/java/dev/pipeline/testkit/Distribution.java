package dev.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An installed pipeline distribution ({@code bin/pipeline}, {@code lib/}, {@code plugins/}, {@code examples/}), run as a user would. */
public final class Distribution {
    /** How long one command may take before it is stopped. */
    private static final long TIMEOUT_MINUTES = 15;

    private final Path home;

    private Distribution(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /**
     * The distribution in {@code home}.
     *
     * @param home the folder holding {@code bin/pipeline}
     * @return the distribution
     * @throws AssertionError when {@code home/bin/pipeline} does not exist
     */
    public static Distribution at(Path home) {
        if (!Files.isRegularFile(home.resolve("bin/pipeline"))) {
            throw new AssertionError(home + " is not a pipeline distribution (it has no bin/pipeline)");
        }
        return new Distribution(home);
    }

    /**
     * The distribution named by the system property {@code pipeline.home}, else the environment variable
     * {@code PIPELINE_HOME}.
     *
     * @return the distribution
     * @throws AssertionError when neither is set or the folder is not a distribution
     */
    public static Distribution fromEnvironment() {
        String home = System.getProperty("pipeline.home");
        if (home == null || home.isBlank()) home = System.getenv("PIPELINE_HOME");
        if (home == null || home.isBlank()) {
            throw new AssertionError("no pipeline distribution: set the system property pipeline.home or the environment "
                    + "variable PIPELINE_HOME to the folder holding bin/pipeline");
        }
        return at(Path.of(home));
    }

    /**
     * The distribution's folder.
     *
     * @return the folder holding {@code bin/pipeline}
     */
    public Path home() {
        return home;
    }

    /**
     * Exit code and output of one command.
     *
     * @param code the exit code: 0 ok, 1 failed, 2 bad usage
     * @param out what it printed on stdout
     * @param err what it printed on stderr (progress, diagnostics)
     */
    public record Result(int code, String out, String err) {
        /**
         * Throws an AssertionError showing both outputs unless the command exited with 0.
         *
         * @return this result
         */
        public Result assertSuccess() {
            if (code != 0) throw new AssertionError("pipeline failed\n" + this);
            return this;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code bin/pipeline ARGS} in {@code workDir} and waits for it (at most 15 minutes).
     *
     * @param workDir the working folder of the command
     * @param args the command line after {@code pipeline}, e.g. {@code "run", "recipe.toml"}
     * @return its exit code and output
     */
    public Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    /**
     * Runs {@code bin/pipeline ARGS} with extra environment variables (e.g. {@code PIPELINE_CACHE},
     * {@code PIPELINE_JAVA_OPTS}) and waits for it.
     *
     * @param workDir the working folder of the command
     * @param env variables added to this process's environment
     * @param args the command line after {@code pipeline}
     * @return its exit code and output
     */
    public Result run(Path workDir, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("pipeline-out", ".txt");
            Path err = Files.createTempFile("pipeline-err", ".txt");
            try {
                Process p = start(workDir, env, out, err, args);
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("pipeline " + String.join(" ", args) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code bin/pipeline ARGS} without waiting, its output going to two files.
     *
     * @param workDir the working folder of the command
     * @param env variables added to this process's environment
     * @param out the file receiving stdout
     * @param err the file receiving stderr
     * @param args the command line after {@code pipeline}
     * @return the running process
     * @throws IOException when the process cannot be started
     */
    public Process start(Path workDir, Map<String, String> env, Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/pipeline").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Copies one of the distribution's examples ({@code examples/NAME}: recipe.toml, wit/, app.py) into
     * {@code target}, so that builds write only there.
     *
     * @param name the example's folder name, e.g. {@code "hello"}
     * @param target the folder to create
     * @return {@code target}
     */
    public Path copyExample(String name, Path target) {
        Path source = home.resolve("examples").resolve(name);
        if (!Files.isDirectory(source)) {
            throw new AssertionError("the distribution has no example `" + name + "` (looked in " + source.getParent() + ")");
        }
        return copyProject(source, target);
    }

    /**
     * Copies a project folder, leaving out its {@code build/} folder.
     *
     * @param source the folder to copy
     * @param target the folder to create
     * @return {@code target}
     */
    public static Path copyProject(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path rel = source.relativize(p);
                if (rel.toString().startsWith("build")) continue;
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Builds the component of {@code recipe} with the plugins in {@code pluginsDir} loaded
     * ({@code pipeline run --plugins DIR RECIPE}).
     *
     * @param recipe the recipe file; the component goes to its {@code [app].output}
     * @param pluginsDir a folder of plugin jars or zips (e.g. made with {@link PluginJar#packInto})
     * @return the command's result; check {@link Result#assertSuccess()}
     */
    public Result buildComponent(Path recipe, Path pluginsDir) {
        return run(recipe.toAbsolutePath().getParent(), "run", "--plugins", pluginsDir.toAbsolutePath().toString(),
                recipe.toAbsolutePath().toString());
    }

    /**
     * Describes a built component ({@code pipeline inspect COMPONENT}): its core modules and sizes as comments, then
     * its world as WIT, e.g. {@code export greet: func(name: string) -> string;}.
     *
     * @param component the component file
     * @return the command's result, the WIT on stdout
     */
    public Result inspect(Path component) {
        return run(component.toAbsolutePath().getParent(), "inspect", component.toAbsolutePath().toString());
    }

    /**
     * Calls an export of a built component on the JVM ({@code pipeline call COMPONENT EXPORT ARGS}); the result is
     * on stdout as a WAVE value, e.g. {@code "Hello, world!"}. CPython runs on the JVM's wasm interpreter: a
     * component that was not pre-initialised starts Python on this call, which takes minutes.
     *
     * @param component the component file
     * @param export the export's name, e.g. {@code "greet"}
     * @param waveArgs the arguments as WAVE values, e.g. {@code "\"world\""}
     * @return the command's result
     */
    public Result call(Path component, String export, String... waveArgs) {
        List<String> args = new ArrayList<>(List.of("call", component.toAbsolutePath().toString(), export));
        args.addAll(List.of(waveArgs));
        return run(component.toAbsolutePath().getParent(), args.toArray(String[]::new));
    }
}
