package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Diagnostics;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** extensions = "none": the app has no native extension modules; the runtime module is the kit's, unchanged. */
@Extension
public final class NoExtensionsStrategy implements StageStrategy {
    private final RuntimeKit kit;
    private final Progress progress;
    private final Diagnostics diagnostics;

    @Inject
    public NoExtensionsStrategy(RuntimeKit kit, Progress progress, Diagnostics diagnostics) {
        this.kit = kit;
        this.progress = progress;
        this.diagnostics = diagnostics;
    }

    @Override public Stage stage() { return Stage.EXTENSIONS; }
    @Override public String name() { return "none"; }
    @Override public String description() { return "no native extension modules: the kit's runtime module, without the built-in modules the app does not reach"; }

    @Override
    public ConfigSchema configSchema() {
        return RuntimeLinker.builtinsKey(ConfigSchema.builder()).build();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        RuntimeLinker.Builtins builtins = RuntimeLinker.Builtins.of(ctx);
        if (builtins != RuntimeLinker.Builtins.ALL) {
            new RuntimeLinker(kit.forTarget(ctx.app().target()), progress, diagnostics).link(ctx, List.of(), builtins);
            return;
        }
        Path runtime = kit.forTarget(ctx.app().target()).runtime().resolve("runtime.wasm");
        if (!Files.isRegularFile(runtime)) throw new PipelineException("the runtime module is missing: " + runtime);
        Files.copy(runtime, ctx.output().resolve("runtime.wasm"));
        progress.status(String.format("runtime module %.1f MiB", Files.size(runtime) / 1048576.0));
    }
}
