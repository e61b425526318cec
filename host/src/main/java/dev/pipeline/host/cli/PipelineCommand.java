package dev.pipeline.host.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code pipeline} command: prints help when run alone. */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Builds WebAssembly components (WASI 0.2) from Python apps and WIT worlds.",
                "",
                "A recipe (recipe.toml) names the app module, the WIT world and one strategy per stage:",
                "bindings, packaging, extensions, init, splice. Each strategy comes from a plugin.",
                ""},
        footer = {"", "Examples:",
                "  pipeline new hello                           scaffold recipe, WIT and app",
                "  pipeline run examples/hello/recipe.toml      build the component",
                "  pipeline run recipe.toml --dry-run            show the plan, build nothing",
                "  pipeline componentize -d wit -w WORLD app     componentize-py's command line",
                "  pipeline plugins                              list installed strategies",
                "  pipeline new-plugin my-init --stage init      scaffold a strategy plugin (Maven project)",
                "  pipeline inspect build/hello.wasm             a component's world as WIT",
                "  pipeline call build/hello.wasm greet '\"me\"'    run an export on the JVM",
                "  pipeline cache clean --older-than 7d          drop stage results unused for a week",
                "",
                "Environment: PIPELINE_CACHE (cache folder, default ~/.cache/pipeline),",
                "PIPELINE_KIT (use this runtime kit folder instead of building one)."},
        subcommands = {NewCommand.class, NewPluginCommand.class, RunCommand.class, ComponentizeCommand.class, BindingsCommand.class, PluginsCommand.class,
                WitCommand.class, InspectCommand.class, CallCommand.class, CacheCommand.class})
public final class PipelineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** componentize-py's common options, which it takes before the subcommand (componentize, bindings). */
    @Mixin
    ComponentizeOptions componentize;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
