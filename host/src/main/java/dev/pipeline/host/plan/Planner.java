package dev.pipeline.host.plan;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.host.plugins.PluginHost;
import dev.pipeline.host.plugins.StrategyInfo;
import dev.pipeline.host.recipe.Recipe;

import java.util.ArrayList;
import java.util.List;

/** Turns a recipe into a plan: picks one installed strategy per stage and validates its config table. */
public final class Planner {
    private final PluginHost plugins;

    public Planner(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** Every problem is reported before anything runs. */
    public Plan plan(Recipe recipe) {
        return plan(recipe, Stage.values()[Stage.values().length - 1]);
    }

    /** A plan of the stages up to and including {@code last}. */
    public Plan plan(Recipe recipe, Stage last) {
        List<Plan.Step> steps = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (stage.ordinal() > last.ordinal()) break;
            Recipe.Choice choice = recipe.strategies().get(stage);
            try {
                StrategyInfo info = plugins.strategy(stage, choice.name(), choice.position());
                ConfigTable config = info.strategy().configSchema().validate(recipe.tableFor(stage));
                steps.add(new Plan.Step(stage, info, config));
            } catch (PipelineException e) {
                problems.addAll(e.diagnostics()); // go on: report the other stages' problems too
            }
        }
        if (!problems.isEmpty()) throw new PipelineException(problems, null);
        return new Plan(recipe, List.copyOf(steps));
    }
}
