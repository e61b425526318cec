package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code pipeline bindings}: writes typed Python stubs of the world's bindings for IDEs and type checkers. */
@Command(name = "bindings", mixinStandardHelpOptions = true,
        description = {"Write the Python bindings of the recipe's world (the wit_world package and",
                "componentize_py_types) as typed stubs for IDEs and mypy. They are not used by the component:",
                "`pipeline run` generates its own.", ""})
public final class BindingsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECIPE", defaultValue = "recipe.toml", description = "The recipe file (default: ${DEFAULT-VALUE}).")
    Path recipe;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder to write into (default: the recipe's folder, next to the app).")
    Path output;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Recipe loaded = RecipeLoader.load(recipe);
        try (Session session = new Session(common, spec.commandLine().getErr())) {
            Plan plan = new Planner(session.plugins).plan(loaded, Stage.BINDINGS);
            PlanRunner runner = new PlanRunner(session.cache, session.progress, true, new ComponentWriter(), false,
                    session.kit.fingerprint());
            Path produced = runner.run(plan, Stage.BINDINGS).outputs().get(Stage.BINDINGS);
            Path stubs = Files.isDirectory(produced.resolve("stubs")) ? produced.resolve("stubs") : produced.resolve("python");
            if (!Files.isDirectory(stubs)) {
                throw new PipelineException("the bindings strategy wrote no stubs/ or python/ folder");
            }
            Path target = output != null ? output : loaded.app().recipeDir();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(stubs)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                Path dest = target.resolve(stubs.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                ComponentWriter.writeAtomically(dest, Files.readAllBytes(f));
            }
            spec.commandLine().getOut().println("wrote " + files.size() + " files to " + target + " ("
                    + String.join(", ", files.stream().map(f -> stubs.relativize(f).getName(0).toString()).distinct().toList()) + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
