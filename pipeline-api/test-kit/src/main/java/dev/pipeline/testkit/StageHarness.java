package dev.pipeline.testkit;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.config.ConfigValue;
import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs one strategy in the test's own JVM, as the host would: against a sample app and the folders the stages before
 * it wrote, which an installed distribution builds first with its bundled strategies
 * ({@code pipeline run --until STAGE --stage-outputs DIR}).
 *
 * <pre>{@code
 * StageHarness harness = StageHarness.forExample(Distribution.fromEnvironment(), "hello", tempDir);
 * StageRun run = harness.run(new MyInit(harness.progress()), Map.of("level", 2));
 * assertTrue(Files.exists(run.output().resolve("runtime.wasm")));
 * }</pre>
 *
 * <p>The host services a strategy's constructor may ask for are {@link #progress()}, {@link #diagnostics()} and
 * {@link #runtimeKit()}. For a {@code bindings} strategy, the first stage, there are no earlier folders: the harness
 * still runs the distribution once ({@code --until bindings}) to learn the app as the host sees it.
 */
public final class StageHarness {
    private final Distribution distribution;
    private final Path recipe;
    private final Path workDir;
    private final RecordingProgress progress = new RecordingProgress();
    private final RecordingDiagnostics diagnostics = new RecordingDiagnostics();
    private final HarnessKit kit = new HarnessKit(this::kitProperties);
    private Path lastInputs;
    private int runs;

    private StageHarness(Distribution distribution, Path recipe, Path workDir) {
        this.distribution = distribution;
        this.recipe = recipe.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
    }

    /**
     * A harness for one of the distribution's examples, copied into {@code workDir/<name>}.
     *
     * @param distribution the installed distribution that builds the earlier stages
     * @param example the example's name, e.g. {@code "hello"}
     * @param workDir a folder the harness may write into (a JUnit {@code @TempDir})
     * @return the harness
     */
    public static StageHarness forExample(Distribution distribution, String example, Path workDir) {
        Path project = distribution.copyExample(example, workDir.resolve(example));
        return new StageHarness(distribution, project.resolve("recipe.toml"), workDir);
    }

    /**
     * A harness for an app of your own.
     *
     * @param distribution the installed distribution that builds the earlier stages
     * @param recipe the app's recipe (its {@code [pipeline]} table picks the strategies of the earlier stages)
     * @param workDir a folder the harness may write into
     * @return the harness
     */
    public static StageHarness forRecipe(Distribution distribution, Path recipe, Path workDir) {
        return new StageHarness(distribution, recipe, workDir);
    }

    /**
     * The recipe the harness builds.
     *
     * @return the recipe file
     */
    public Path recipe() {
        return recipe;
    }

    /**
     * A {@link dev.pipeline.api.diag.Progress} to give the strategy's constructor; it records what was reported.
     *
     * @return the progress sink of this harness
     */
    public RecordingProgress progress() {
        return progress;
    }

    /**
     * A {@link dev.pipeline.api.diag.Diagnostics} to give the strategy's constructor; it records what was reported.
     *
     * @return the diagnostics of this harness
     */
    public RecordingDiagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * A {@link RuntimeKit} to give the strategy's constructor: the distribution's runtime kit for the app's target
     * ({@code root()}, {@code runtime()}, {@code adapter()}), the folders the host would use. It asks the
     * distribution where they are the first time one is needed (building the kit if it was never built, as
     * {@code pipeline run} would). {@code linkRuntime} and {@code cython} are not available in the harness: test a
     * strategy that needs them with {@link Distribution#buildComponent}.
     *
     * @return the runtime kit of this harness
     */
    public RuntimeKit runtimeKit() {
        return kit;
    }

    /**
     * Runs {@code strategy} with an empty config table (every key at its default).
     *
     * @param strategy the strategy under test
     * @return what it wrote
     * @throws Exception what the strategy threw
     */
    public StageRun run(StageStrategy strategy) throws Exception {
        return run(strategy, Map.of());
    }

    /**
     * Runs {@code strategy} with a config table: the values are checked against its
     * {@link StageStrategy#configSchema()} as the host checks a recipe's table (so a bad value throws the
     * {@link dev.pipeline.api.diag.PipelineException} a user would see).
     *
     * @param strategy the strategy under test
     * @param config the table's keys and values: String, Boolean, Integer or Long, a List of Strings, or a List of
     *               Maps for an array of tables
     * @return what it wrote
     * @throws Exception what the strategy threw
     */
    public StageRun run(StageStrategy strategy, Map<String, ?> config) throws Exception {
        Stage stage = strategy.stage();
        String table = "stages." + stage.key();
        ConfigTable validated = strategy.configSchema().validate(raw(table, config));
        Inputs inputs = inputs(stage);
        int n = ++runs;
        Path output = Files.createDirectories(workDir.resolve("run-" + n).resolve(stage.key()));
        Path scratch = Files.createDirectories(workDir.resolve("run-" + n).resolve("scratch"));
        StageContext ctx = new Context(inputs.app(), validated, inputs.outputs(), output, scratch);
        strategy.run(ctx);
        return new StageRun(inputs.app(), validated, inputs.outputs(), output);
    }

    private record Inputs(AppSpec app, Map<Stage, Path> outputs) {}

    /** Builds the earlier stages with the distribution and reads what it wrote. */
    private Inputs inputs(Stage stage) throws IOException {
        Stage last = stage.ordinal() == 0 ? stage : Stage.values()[stage.ordinal() - 1];
        Path dir = workDir.resolve("inputs-before-" + stage.key());
        if (!Files.isRegularFile(dir.resolve("app.properties")) || !Files.isRegularFile(dir.resolve("kit.properties"))) {
            distribution.run(recipe.getParent(), "run", "--quiet", "--until", last.key(), "--stage-outputs", dir.toString(),
                    recipe.toString()).assertSuccess();
        }
        lastInputs = dir;
        Properties p = load(dir.resolve("app.properties"));
        List<Path> pythonPath = new ArrayList<>();
        for (String s : p.getProperty("python-path", "").split(File.pathSeparator)) if (!s.isEmpty()) pythonPath.add(Path.of(s));
        AppSpec app = new AppSpec(Path.of(p.getProperty("recipe")), p.getProperty("module"), List.copyOf(pythonPath),
                Path.of(p.getProperty("wit")), p.getProperty("world"), Path.of(p.getProperty("output")),
                p.getProperty("world-module", AppSpec.DEFAULT_WORLD_MODULE), Boolean.parseBoolean(p.getProperty("stub-wasi")),
                p.getProperty("target", AppSpec.WASIP1));
        Map<Stage, Path> outputs = new EnumMap<>(Stage.class);
        for (String key : p.getProperty("stages", "").split(",")) {
            Stage s = Stage.byKey(key);
            if (s != null && s.ordinal() < stage.ordinal()) outputs.put(s, dir.resolve(key));
        }
        return new Inputs(app, outputs);
    }

    /** The kit's folders the distribution reported with the earlier stages' folders (running it first if needed). */
    private Properties kitProperties() {
        try {
            if (lastInputs == null) inputs(Stage.BINDINGS);
            return load(lastInputs.resolve("kit.properties"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }

    private static RawTable raw(String name, Map<String, ?> config) {
        SourcePosition at = SourcePosition.file("test config [" + name + "]");
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : config.entrySet()) entries.put(e.getKey(), value(name + "." + e.getKey(), e.getValue(), at));
        return new RawTable(name, at, entries);
    }

    private static ConfigValue value(String name, Object v, SourcePosition at) {
        if (v instanceof Integer i) return new ConfigValue(i.longValue(), at);
        if (v instanceof List<?> list) {
            List<ConfigValue> items = new ArrayList<>();
            for (Object o : list) items.add(value(name, o, at));
            return new ConfigValue(items, at);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> table = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) table.put(String.valueOf(e.getKey()), e.getValue());
            return new ConfigValue(raw(name, table), at);
        }
        return new ConfigValue(v, at);
    }

    private record Context(AppSpec app, ConfigTable config, Map<Stage, Path> outputs, Path output, Path scratch)
            implements StageContext {
        @Override
        public Optional<Path> outputOf(Stage stage) {
            return Optional.ofNullable(outputs.get(stage));
        }

        @Override
        public boolean explain() {
            return false;
        }
    }

}
