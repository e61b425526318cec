package dev.pipeline.api.stage;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.config.RawTable;

import java.nio.file.Path;
import java.util.Optional;

/** What a strategy sees while it runs: the app, its validated config, earlier outputs and a folder to write. */
public interface StageContext {

    /**
     * The {@code [app]} section, with paths resolved against the recipe's folder.
     *
     * @return the app being built
     */
    AppSpec app();

    /**
     * The validated {@code [stages.<stage>]} (or {@code [stages.<strategy>]}) table: every key of
     * {@link StageStrategy#configSchema()}, with defaults filled in.
     *
     * @return the config table
     */
    ConfigTable config();

    /**
     * The folder another stage wrote in this run, if that stage ran before this one. The folder may come from the
     * stage cache and holds the host's {@code .manifest} beside the stage's files: read it, never write into it.
     *
     * @param stage an earlier stage
     * @return its output folder, or empty when {@code stage} does not run before this one
     */
    Optional<Path> outputOf(Stage stage);

    /**
     * An empty folder for this stage's files; it becomes visible to later stages (and is cached) only if
     * {@link StageStrategy#run} returns normally. Do not create a file named {@code .manifest} in it.
     *
     * @return the output folder
     */
    Path output();

    /**
     * A scratch folder for intermediate files, deleted after the stage.
     *
     * @return the scratch folder
     */
    Path scratch();

    /**
     * Whether the user asked why things were chosen ({@code pipeline run --explain}); if so, report the reasons
     * through {@link dev.pipeline.api.diag.Progress#status}. The host reruns the stages instead of using the cache.
     *
     * @return true under {@code --explain}
     */
    boolean explain();

    /**
     * This context with another strategy's config table, for a strategy that runs another one (e.g. a bundled
     * strategy of another plugin) as part of its own work: {@code other.run(ctx.withDefaultsOf(other))}. The other
     * strategy gets every key of its {@link StageStrategy#configSchema()} at its default, and the same app and
     * folders (it writes into {@link #output()} too).
     *
     * @param other the strategy to run
     * @return a context whose {@link #config()} is {@code other}'s defaults
     */
    default StageContext withDefaultsOf(StageStrategy other) {
        StageContext self = this;
        ConfigTable defaults = other.configSchema().validate(
                RawTable.empty(config().name(), config().position()));
        return new StageContext() {
            @Override public AppSpec app() { return self.app(); }
            @Override public ConfigTable config() { return defaults; }
            @Override public Optional<Path> outputOf(Stage stage) { return self.outputOf(stage); }
            @Override public Path output() { return self.output(); }
            @Override public Path scratch() { return self.scratch(); }
            @Override public boolean explain() { return self.explain(); }
        };
    }
}
