package dev.pipeline.host.plan;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.host.cache.ContentHash;
import dev.pipeline.host.cache.StageCache;
import dev.pipeline.host.console.ConsoleProgress;

import dev.pipeline.host.files.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan: each stage in order, reusing a cached output when the stage's inputs (app sources, WIT,
 * strategy and plugin version, config, earlier stages' keys) are unchanged; then writes the component atomically.
 */
public final class PlanRunner {
    /** The hint of a failed stage; the CLI leaves it out when --verbose is already on. */
    public static final String VERBOSE_HINT = "run with --verbose for the stack trace";
    private final StageCache cache;
    private final ConsoleProgress progress;
    private final boolean useCache;
    private final ComponentWriter writer;
    private final boolean explain;
    private final String toolchain;

    /** @param toolchain fingerprint of the runtime kit and module inputs, part of every stage's cache key */
    public PlanRunner(StageCache cache, ConsoleProgress progress, boolean useCache, ComponentWriter writer, boolean explain,
                      String toolchain) {
        this.toolchain = toolchain;
        this.cache = cache;
        this.progress = progress;
        this.useCache = useCache;
        this.writer = writer;
        this.explain = explain;
    }

    /** Result of a run: the output file and, per stage, whether it was reused from the cache. */
    public record Result(Path output, Map<Stage, Boolean> cached, Map<Stage, Path> outputs) {}

    /** The cache key of every stage, in order: what {@code --dry-run} shows and {@link #run} uses. */
    public Map<Stage, String> keys(Plan plan) {
        Map<Stage, String> keys = new EnumMap<>(Stage.class);
        String previous = new ContentHash().add(AppInputs.hash(plan.recipe().app(), plan.recipe().files())).add(toolchain).hex();
        for (Plan.Step step : plan.steps()) {
            String key = new ContentHash()
                    .add(previous)
                    .add(step.stage().key())
                    .add(step.strategy().strategy().getClass().getName())
                    .add(step.strategy().strategy().name())
                    .add(step.strategy().pluginId() + "@" + step.strategy().pluginVersion())
                    .add(step.strategy().strategy().cacheVersion())
                    .add(step.config().canonical())
                    .add(strategyInputs(step, plan.recipe().app()))
                    .hex();
            keys.put(step.stage(), key);
            previous = key;
        }
        return keys;
    }

    /** Whether a stage's output is already in the cache. */
    public boolean isCached(Stage stage, String key) {
        return useCache && cache.lookup(stage.key(), key).isPresent();
    }

    public Result run(Plan plan) {
        return run(plan, null);
    }

    /** Runs the stages up to and including {@code last} (all of them and the encode step when null). */
    public Result run(Plan plan, Stage last) {
        long t0 = System.nanoTime();
        Map<Stage, String> keys = keys(plan);
        Map<Stage, Path> outputs = new EnumMap<>(Stage.class);
        Map<Stage, Boolean> cached = new EnumMap<>(Stage.class);
        int n = plan.steps().size() + (last == null ? 1 : 0);
        int i = 0;
        for (Plan.Step step : plan.steps()) {
            i++;
            Stage stage = step.stage();
            String key = keys.get(stage);
            progress.headline(String.format("[%d/%d] %s: %s", i, n, stage.key(), step.strategy().strategy().name()));
            Optional<Path> hit = useCache && !explain ? cache.lookup(stage.key(), key) : Optional.empty();
            if (hit.isPresent()) {
                outputs.put(stage, hit.get());
                cached.put(stage, true);
                progress.status("cached");
                if (stage == last) return new Result(null, cached, outputs);
                continue;
            }
            long s0 = System.nanoTime();
            Path temp = cacheIo(() -> cache.begin(stage.key(), key));
            Path scratch = null;
            try {
                scratch = cacheIo(() -> cache.scratch(stage.key()));
                StageContext ctx = new Context(plan.recipe().app(), step.config(), outputs, temp, scratch, explain);
                step.strategy().strategy().run(ctx);
                outputs.put(stage, cacheIo(() -> cache.commit(stage.key(), key, temp)));
                cached.put(stage, false);
                progress.status(String.format("done in %.1f s", (System.nanoTime() - s0) / 1e9));
            } catch (PipelineException e) {
                throw e;
            } catch (Exception | StackOverflowError e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new StageFailure(Diagnostic.error("stage `" + stage.key() + "` (" + step.strategy().strategy().name()
                        + " from plugin " + step.strategy().pluginId() + ") failed: " + msg)
                        .withHint(VERBOSE_HINT), e, step.strategy().pluginId(), step.strategy().strategy().getClass().getClassLoader());
            } finally {
                cache.discard(temp); // already renamed into the cache when the stage succeeded
                if (scratch != null) cache.discard(scratch);
            }
            if (stage == last) return new Result(null, cached, outputs);
        }
        progress.headline(String.format("[%d/%d] encode: component", n, n));
        Path out = plan.recipe().app().output();
        writer.write(plan, outputs, out);
        long size;
        try {
            size = Files.size(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.headline(String.format("wrote %s (%s) in %.1f s", out, Sizes.human(size), (System.nanoTime() - t0) / 1e9));
        return new Result(out, cached, outputs);
    }


    /** Hash of the files outside the python-path a strategy reads (see StageStrategy.inputFiles). */
    private static String strategyInputs(Plan.Step step, AppSpec app) {
        ContentHash h = new ContentHash();
        for (Path p : step.strategy().strategy().inputFiles(app, step.config())) {
            h.add(p.toString()).addTree(p, f -> !f.toString().contains("__pycache__"));
        }
        return h.hex();
    }

    /** The cache's own file operations: a failure there is the cache folder's problem, not the stage's. */
    private <T> T cacheIo(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (UncheckedIOException e) {
            throw new PipelineException(Diagnostic.error("cannot write to the cache folder " + cache.root() + ": "
                    + e.getCause().getMessage()).withHint("check its free space and permissions, or choose another "
                    + "folder with PIPELINE_CACHE"), e);
        }
    }

    private record Context(AppSpec app, ConfigTable config, Map<Stage, Path> outputs, Path output, Path scratch,
                           boolean explain) implements StageContext {
        @Override
        public Optional<Path> outputOf(Stage stage) {
            return Optional.ofNullable(outputs.get(stage));
        }
    }
}
