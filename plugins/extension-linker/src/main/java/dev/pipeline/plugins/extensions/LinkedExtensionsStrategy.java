package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.Diagnostics;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * extensions = "linked": native extension modules compiled from their C sources (or brought as wasm32-wasi
 * objects), linked into a per-app runtime module and registered as built-in modules under their dotted names.
 */
@Extension
public final class LinkedExtensionsStrategy implements StageStrategy {
    private final RuntimeKit kit;
    private final Progress progress;
    private final Diagnostics diagnostics;

    @Inject
    public LinkedExtensionsStrategy(RuntimeKit kit, Progress progress, Diagnostics diagnostics) {
        this.kit = kit;
        this.progress = progress;
        this.diagnostics = diagnostics;
    }

    @Override public Stage stage() { return Stage.EXTENSIONS; }
    @Override public String name() { return "linked"; }
    @Override public String description() {
        return "native extension modules compiled from C and linked into the runtime module as built-in modules";
    }

    @Override
    public ConfigSchema configSchema() {
        ConfigSchema module = ConfigSchema.builder()
                .string("name", "the dotted module name Python imports, e.g. \"markupsafe._speedups\"", null)
                .stringList("sources", "C files (.c) and Cython files (.pyx), relative to the recipe")
                .stringList("include-dirs", "folders searched for #include, relative to the recipe")
                .stringList("defines", "preprocessor definitions: \"NAME\" or \"NAME=VALUE\"")
                .stringList("objects", "prebuilt wasm32-wasi objects (.o) and archives (.a), relative to the recipe")
                .build();
        return RuntimeLinker.builtinsKey(ConfigSchema.builder()
                .tableList("module", "one [[stages.extensions.module]] table per extension module", module))
                .build();
    }

    @Override
    public List<Path> inputFiles(AppSpec app, ConfigTable config) {
        return ModuleSpec.inputs(config.tables("module"), app.recipeDir());
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        List<ModuleSpec> specs = new ArrayList<>(ModuleSpec.parse(ctx.config().tables("module"), ctx.app().recipeDir()));
        Optional<Path> packaging = ctx.outputOf(Stage.PACKAGING);
        if (packaging.isPresent()) {
            Set<String> named = new HashSet<>();
            for (ModuleSpec m : specs) named.add(m.name());
            for (ModuleSpec m : SingleFileModules.find(packaging.get(), ctx.app().pythonPath(), named)) {
                if (ctx.explain()) progress.status(m.name() + ": found without a table (" + m.sources().get(0) + " defines " + m.initFunction() + ")");
                specs.add(m);
            }
        }
        new RuntimeLinker(kit.forTarget(ctx.app().target()), progress, diagnostics).link(ctx, specs, RuntimeLinker.Builtins.of(ctx));
    }
}
