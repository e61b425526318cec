package dev.pipeline.host.recipe;

import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;

import java.util.List;
import java.util.Map;
import dev.pipeline.api.diag.PipelineException;

/**
 * A loaded recipe: the app, the strategy chosen for each stage (with where it was chosen) and each stage's
 * raw config table, still to be validated by the strategy that owns it.
 */
public record Recipe(AppSpec app, Map<Stage, Choice> strategies, Map<String, RawTable> stageTables, AppFiles files) {

    /** Default limit on one file under the python-path: larger files are an error (or excluded). */
    public static final long DEFAULT_MAX_FILE_SIZE = 64L << 20;

    public Recipe(AppSpec app, Map<Stage, Choice> strategies, Map<String, RawTable> stageTables) {
        this(app, strategies, stageTables, AppFiles.DEFAULT);
    }

    /**
     * Which files under the python-path belong to the app's inputs: {@code exclude} patterns from {@code [app]}
     * and the largest file accepted ({@code [app] max-file-size}), with where each was written (null: default).
     */
    public record AppFiles(List<String> exclude, long maxFileSize, SourcePosition excludeAt, SourcePosition maxFileSizeAt) {
        public static final AppFiles DEFAULT = new AppFiles(List.of(), DEFAULT_MAX_FILE_SIZE, null, null);
    }

    /**
     * The config table of a stage: {@code [stages.<stage>]} or {@code [stages.<strategy>]}, for the strategy the
     * recipe chose; an empty table if neither was written.
     */
    public RawTable tableFor(Stage stage) {
        RawTable byStage = stageTables.get(stage.key());
        RawTable byStrategy = stageTables.get(strategies.get(stage).name());
        if (byStage != null && byStrategy != null && byStage != byStrategy) {
            throw new PipelineException(byStrategy.position(), "stage `" + stage.key()
                    + "` is configured twice: [stages." + stage.key() + "] and [stages." + strategies.get(stage).name() + "]",
                    "keep one of the two tables");
        }
        if (byStage != null) return byStage;
        if (byStrategy != null) {
            String name = strategies.get(stage).name();
            long users = strategies.values().stream().filter(c -> c.name().equals(name)).count();
            if (users > 1) {
                throw new PipelineException(byStrategy.position(), "[stages." + name
                        + "] is ambiguous: several stages use a strategy named \"" + name + "\"",
                        "name the stage instead, e.g. [stages." + stage.key() + "]");
            }
            return byStrategy;
        }
        return RawTable.empty("stages." + stage.key(), app.recipe() == null ? null
                : SourcePosition.file(app.recipe().toString()));
    }

    /** Table names under [stages] that match neither a stage nor a chosen strategy. */
    public java.util.List<String> unusedTables() {
        java.util.Set<String> valid = new java.util.HashSet<>();
        for (Stage s : Stage.values()) {
            valid.add(s.key());
            valid.add(strategies.get(s).name());
        }
        return stageTables.keySet().stream().filter(k -> !valid.contains(k)).toList();
    }


    /** A strategy name and the place in the recipe that chose it (or null for a default). */
    public record Choice(String name, SourcePosition position) {}
}
