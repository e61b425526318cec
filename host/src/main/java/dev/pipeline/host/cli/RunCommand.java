package dev.pipeline.host.cli;

import dev.pipeline.api.stage.Stage;
import dev.pipeline.host.plan.ComponentWriter;
import dev.pipeline.host.plan.Plan;
import dev.pipeline.host.plan.PlanRunner;
import dev.pipeline.host.plan.Planner;
import dev.pipeline.host.recipe.Recipe;
import dev.pipeline.host.recipe.RecipeLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pipeline run}: builds the component a recipe describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build the component described by a recipe.",
                "",
                "Stages run in order (bindings, packaging, extensions, init, splice) and the component is",
                "written to [app].output, atomically: a failed run leaves no partial file. A stage whose",
                "inputs did not change since an earlier run is taken from the cache.", ""})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECIPE", defaultValue = "recipe.toml",
            description = "The recipe file (default: ${DEFAULT-VALUE}). Paths inside it are relative to its folder.")
    Path recipe;

    @Option(names = "--dry-run", description = "Print the plan (strategies, config, cache state) and build nothing.")
    boolean dryRun;

    @Option(names = "--no-cache", description = "Run every stage even if a cached result exists.")
    boolean noCache;

    @Option(names = "--explain", description = "Say why things were chosen, e.g. which modules were kept and why "
            + "(reruns the stages instead of using the cache).")
    boolean explain;

    @Option(names = "--until", paramLabel = "STAGE",
            description = "Run the stages up to and including STAGE (bindings, packaging, extensions, init or splice) and write no component.")
    Stage until;

    @Option(names = "--stage-outputs", paramLabel = "DIR",
            description = "Copy every stage's output folder into DIR/<stage>/, describe the app in DIR/app.properties "
                    + "and the runtime kit's folders in DIR/kit.properties (what the plugin test kit runs a strategy against).")
    Path stageOutputs;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recipe loaded = RecipeLoader.load(recipe);
        try (Session session = new Session(common, err)) {
            Plan plan = until == null ? new Planner(session.plugins).plan(loaded) : new Planner(session.plugins).plan(loaded, until);
            PlanRunner runner = new PlanRunner(session.cache, session.progress, !noCache, new ComponentWriter(), explain,
                    session.kit.fingerprint());
            if (dryRun) {
                printPlan(out, plan, runner);
                return 0;
            }
            PlanRunner.Result result = runner.run(plan, until);
            if (stageOutputs != null) StageOutputs.write(loaded.app(), result.outputs(), session.kit, stageOutputs);
            return 0;
        }
    }

    private void printPlan(PrintWriter out, Plan plan, PlanRunner runner) {
        var app = plan.recipe().app();
        Path dir = app.recipeDir();
        out.println("recipe   " + app.recipe());
        out.println("app      module " + app.module() + ", world " + (app.world() == null ? "(the package's default)" : app.world()));
        out.println("wit      " + rel(dir, app.wit()));
        out.println("python   " + app.pythonPath().stream().map(p -> rel(dir, p)).toList());
        out.println("output   " + rel(dir, app.output()));
        out.println("stages");
        Map<Stage, String> keys = runner.keys(plan);
        int i = 0;
        for (Plan.Step step : plan.steps()) {
            i++;
            String state = runner.isCached(step.stage(), keys.get(step.stage())) ? "cached" : "will run";
            out.printf("  %d. %-11s %-14s plugin %s %s, %s%n", i, step.stage().key(), step.strategy().strategy().name(),
                    step.strategy().pluginId(), step.strategy().pluginVersion(), state);
            if (!step.config().asMap().isEmpty()) out.println("       config " + step.config().asMap());
        }
        out.printf("  %d. %-11s %-14s host%n", i + 1, "encode", "component");
        out.flush();
    }

    private static String rel(Path dir, Path p) {
        String r = dir.relativize(p).toString();
        return r.isEmpty() ? "." : r;
    }
}
