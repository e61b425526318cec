package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.DependencyComponents;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * extensions = "component": native dependencies stay components of their own (shared-nothing), each exporting a
 * WIT interface the app's world imports; the encode step composes them with the app. A dependency is a prebuilt
 * component ({@code path}) or C sources with the WIT world they export ({@code wit}, {@code sources}), compiled with
 * the kit's clang against generated wit-bindgen-style bindings ({@link CBindings}). The runtime module is the
 * kit's, as with {@code none}.
 */
@Extension
public final class ComponentExtensionsStrategy implements StageStrategy {
    private final RuntimeKit kit;
    private final Progress progress;
    private final Diagnostics diagnostics;

    @Inject
    public ComponentExtensionsStrategy(RuntimeKit kit, Progress progress, Diagnostics diagnostics) {
        this.kit = kit;
        this.progress = progress;
        this.diagnostics = diagnostics;
    }

    @Override public Stage stage() { return Stage.EXTENSIONS; }
    @Override public String name() { return "component"; }
    @Override public String description() {
        return "native dependencies as components of their own (prebuilt, or C + WIT), composed with the app";
    }

    @Override
    public ConfigSchema configSchema() {
        ConfigSchema component = ConfigSchema.builder()
                .string("path", "a prebuilt component exporting interfaces the app's world imports, relative to the recipe", null)
                .string("wit", "the WIT (file or folder) of the world the C sources export, relative to the recipe", null)
                .string("world", "that world's name (default: the only world of the WIT package)", null)
                .stringList("sources", "C files implementing the world's exports with wit-bindgen's C names")
                .stringList("include-dirs", "folders searched for #include, relative to the recipe")
                .stringList("defines", "preprocessor definitions: \"NAME\" or \"NAME=VALUE\"")
                .build();
        return RuntimeLinker.builtinsKey(ConfigSchema.builder()
                .tableList("component", "one [[stages.extensions.component]] table per dependency component", component))
                .build();
    }

    @Override
    public List<Path> inputFiles(AppSpec app, ConfigTable config) {
        return DependencySpec.inputs(config.tables("component"), app.recipeDir());
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        List<DependencySpec> specs = DependencySpec.parse(ctx.config().tables("component"), ctx.app().recipeDir());
        new NoExtensionsStrategy(kit, progress, diagnostics).run(ctx);
        Path dir = ctx.output().resolve("components");
        Files.createDirectories(dir);
        DependencyBuilder builder = new DependencyBuilder(new Toolchain(kit.runtime(), kit.root()), kit, progress);
        List<DependencyComponents.Dependency> listed = new ArrayList<>();
        int n = 0;
        for (DependencySpec spec : specs) {
            String file = String.format("%02d-%s.wasm", n++, spec.label());
            byte[] component = builder.build(spec, ctx.output().resolve("work").resolve(spec.label()));
            Files.write(dir.resolve(file), component);
            listed.add(new DependencyComponents.Dependency("components/" + file, spec.describe(), component.length));
            progress.status(String.format("dependency component %s: %.1f KiB", spec.label(), component.length / 1024.0));
        }
        new DependencyComponents(listed).write(ctx.output());
    }
}
