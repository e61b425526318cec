package dev.pipeline.host.recipe;

import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;

import java.util.Map;

/**
 * A loaded recipe: the app, the strategy chosen for each stage (with where it was chosen) and each stage's
 * raw config table, still to be validated by the strategy that owns it.
 */
public record Recipe(AppSpec app, Map<Stage, Choice> strategies, Map<Stage, RawTable> stageTables) {

    /** A strategy name and the place in the recipe that chose it (or null for a default). */
    public record Choice(String name, SourcePosition position) {}
}
