package dev.pipeline.host.plan;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.host.plugins.StrategyInfo;
import dev.pipeline.host.recipe.Recipe;

import java.util.List;

/** What a run will do: the recipe and, for each stage in order, the chosen strategy with its validated config. */
public record Plan(Recipe recipe, List<Step> steps) {

    /** One stage of the plan. */
    public record Step(Stage stage, StrategyInfo strategy, ConfigTable config) {}
}
