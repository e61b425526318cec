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
                "`pipeline run` generates its own. With bindings = \"dynamic\": the wit_dynamic module and",
                "wit_dynamic/signatures.txt, the world's functions in its value mapping.",
                "",
                "With componentize-py's options (-d, -w, --world-module, before or after `bindings`), the",
                "argument is the folder to write into, as in `componentize-py -d wit -w WORLD bindings DIR`.", ""})
public final class BindingsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECIPE|DIR", defaultValue = "recipe.toml",
            description = "The recipe file (default: ${DEFAULT-VALUE}); with -d/-w, the folder to write into.")
    Path recipe;

    @Mixin
    ComponentizeOptions options;

    @picocli.CommandLine.ParentCommand
    PipelineCommand parent;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder to write into (default: the recipe's folder, next to the app).")
    Path output;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ComponentizeOptions cpy = options.merged(parent == null ? null : parent.componentize);
        Recipe loaded;
        Path target;
        if (cpy.given()) {
            cpy.checkSupported();
            Path cwd = Path.of("").toAbsolutePath();
            StringBuilder t = new StringBuilder("[app]\nmodule = \"app\"\nwit = ")
                    .append(ComponentizeCommand.quote(cwd.resolve(cpy.witPath()).normalize().toString())).append('\n');
            if (cpy.world() != null) t.append("world = ").append(ComponentizeCommand.quote(cpy.world())).append('\n');
            if (cpy.worldModule != null) t.append("world-module = ").append(ComponentizeCommand.quote(cpy.worldModule)).append('\n');
            if (!cpy.features.isEmpty() || cpy.allFeatures) {
                t.append("[stages.bindings]\nall-features = ").append(cpy.allFeatures).append("\nfeatures = [");
                for (int i = 0; i < cpy.features.size(); i++) t.append(i == 0 ? "" : ", ").append(ComponentizeCommand.quote(cpy.features.get(i).strip()));
                t.append("]\n");
            }
            loaded = RecipeLoader.loadTextForBindings(cwd.resolve("bindings.toml"), "pipeline bindings", t.toString());
            target = output != null ? output : recipe;
        } else {
            loaded = RecipeLoader.load(recipe);
            target = output != null ? output : loaded.app().recipeDir();
        }
        try (Session session = new Session(common, spec.commandLine().getErr())) {
            Plan plan = new Planner(session.plugins).plan(loaded, Stage.BINDINGS);
            PlanRunner runner = new PlanRunner(session.cache, session.progress, true, new ComponentWriter(), false,
                    session.kit.fingerprint());
            Path produced = runner.run(plan, Stage.BINDINGS).outputs().get(Stage.BINDINGS);
            Path stubs = Files.isDirectory(produced.resolve("stubs")) ? produced.resolve("stubs") : produced.resolve("python");
            if (!Files.isDirectory(stubs)) {
                throw new PipelineException("the bindings strategy wrote no stubs/ or python/ folder");
            }
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
