package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pipeline componentize}: componentize-py's command line, run as the equivalent recipe with default strategies. */
@Command(name = "componentize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a component from a Python app with componentize-py's options and defaults.",
                "",
                "  componentize-py -d wit -w wasi:cli/command@0.2.0 componentize app -o cli.wasm",
                "  pipeline componentize -d wit -w wasi:cli/command@0.2.0 app -o cli.wasm",
                "",
                "The options -d, -w, --world-module, --features and --all-features may also come before",
                "`componentize`, as componentize-py takes them. Paths are relative to the current folder.",
                "The build is the recipe --recipe-out writes, with the default strategies: same progress,",
                "errors and cache as `pipeline run`.", ""},
        footer = {"", "Not supported: more than one -d or -w (write one world that includes the others),",
                "-m/--module-worlds and -i/--intersect-world (componentize-py.toml SDK worlds), --full-names",
                "and --import/--export-interface-name (module names follow the default rule)."})
public final class ComponentizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "APP_MODULE", description = "The Python module holding the app's export classes.")
    String appModule;

    @Mixin
    ComponentizeOptions options;

    @Option(names = {"-p", "--python-path"}, paramLabel = "DIR",
            description = "A folder holding the app and its dependencies; may be repeated (default: .).")
    List<Path> pythonPath = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "index.wasm",
            description = "The component to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = {"-s", "--stub-wasi"},
            description = "Import no WASI interface: WASI calls inside the component are stubbed (see the README).")
    boolean stubWasi;

    @Option(names = "--recipe-out", paramLabel = "FILE",
            description = "Also write the equivalent recipe to FILE (paths relative to its folder).")
    Path recipeOut;

    @Option(names = "--no-cache", description = "Run every stage even if a cached result exists.")
    boolean noCache;

    @Option(names = {"-m", "--module-worlds"}, hidden = true)
    List<String> moduleWorlds = new ArrayList<>();

    @Option(names = {"-i", "--intersect-world"}, hidden = true)
    String intersectWorld;

    @Mixin
    CommonOptions common;

    @ParentCommand
    PipelineCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ComponentizeOptions all = options.merged(parent == null ? null : parent.componentize);
        all.checkSupported();
        if (!moduleWorlds.isEmpty() || intersectWorld != null) {
            throw new PipelineException(null, "-m/--module-worlds and -i/--intersect-world are not supported",
                    "name one world with -w that includes what the app and its SDKs need");
        }
        Path cwd = Path.of("").toAbsolutePath();
        Recipe recipe = RecipeLoader.loadText(cwd.resolve("componentize.toml"), "pipeline componentize",
                recipeText(all, cwd));
        if (recipeOut != null) {
            Path file = recipeOut.toAbsolutePath().normalize();
            ComponentWriter.writeAtomically(file, recipeText(all, file.getParent()).getBytes(StandardCharsets.UTF_8));
        }
        try (Session session = new Session(common, spec.commandLine().getErr())) {
            Plan plan = new Planner(session.plugins).plan(recipe);
            new PlanRunner(session.cache, session.progress, !noCache, new ComponentWriter(), false, session.kit.fingerprint())
                    .run(plan);
            return 0;
        }
    }

    /** The recipe these options describe, with paths relative to {@code base}. */
    String recipeText(ComponentizeOptions o, Path base) {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> path = pythonPath.isEmpty() ? List.of(Path.of(".")) : pythonPath;
        StringBuilder t = new StringBuilder("# the recipe of: pipeline componentize\n[app]\n");
        t.append("module = ").append(quote(appModule)).append('\n');
        t.append("python-path = [");
        for (int i = 0; i < path.size(); i++) t.append(i == 0 ? "" : ", ").append(quote(rel(base, cwd.resolve(path.get(i)))));
        t.append("]\n");
        t.append("wit = ").append(quote(rel(base, cwd.resolve(o.witPath())))).append('\n');
        if (o.world() != null) t.append("world = ").append(quote(o.world())).append('\n');
        t.append("output = ").append(quote(rel(base, cwd.resolve(output)))).append('\n');
        if (o.worldModule != null) t.append("world-module = ").append(quote(o.worldModule)).append('\n');
        if (stubWasi) t.append("stub-wasi = true\n");
        if (!o.features.isEmpty() || o.allFeatures) {
            t.append("\n[stages.bindings]\n");
            if (!o.features.isEmpty()) {
                t.append("features = [");
                for (int i = 0; i < o.features.size(); i++) t.append(i == 0 ? "" : ", ").append(quote(o.features.get(i).strip()));
                t.append("]\n");
            }
            if (o.allFeatures) t.append("all-features = true\n");
        }
        return t.toString();
    }

    private static String rel(Path base, Path p) {
        String r = base.relativize(p.toAbsolutePath().normalize()).toString();
        return r.isEmpty() ? "." : r;
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
