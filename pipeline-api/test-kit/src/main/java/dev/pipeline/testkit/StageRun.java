package dev.pipeline.testkit;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one {@link StageHarness#run} saw and wrote.
 *
 * @param app the app the strategy ran for
 * @param config the validated config table it got (defaults filled in)
 * @param inputs the earlier stages' folders it could read
 * @param output its output folder
 */
public record StageRun(AppSpec app, ConfigTable config, Map<Stage, Path> inputs, Path output) {

    /**
     * An earlier stage's folder.
     *
     * @param stage a stage before the strategy's
     * @return its folder
     * @throws AssertionError when that stage does not run before this one
     */
    public Path input(Stage stage) {
        Path p = inputs.get(stage);
        if (p == null) throw new AssertionError("stage " + stage.key() + " ran after this one; its output is not an input");
        return p;
    }

    /**
     * The files of the output folder.
     *
     * @return relative paths, sorted, e.g. {@code [init.json, runtime.wasm]}
     */
    public List<String> files() {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile).map(p -> output.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the output folder holds {@code file} and returns its path.
     *
     * @param file a path relative to the output folder, e.g. {@code "runtime.wasm"}
     * @return the file's path
     */
    public Path assertFile(String file) {
        Path p = output.resolve(file);
        if (!Files.isRegularFile(p)) throw new AssertionError("the strategy wrote no " + file + "; it wrote " + files());
        return p;
    }
}
