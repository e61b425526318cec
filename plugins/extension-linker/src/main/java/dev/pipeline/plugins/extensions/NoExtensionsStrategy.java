package dev.pipeline.plugins.extensions;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;

/** extensions = "none": the app has no native extension modules; the runtime module is the kit's, unchanged. */
@Extension
public final class NoExtensionsStrategy implements StageStrategy {
    private final RuntimeKit kit;
    private final Progress progress;

    @Inject
    public NoExtensionsStrategy(RuntimeKit kit, Progress progress) {
        this.kit = kit;
        this.progress = progress;
    }

    @Override public Stage stage() { return Stage.EXTENSIONS; }
    @Override public String name() { return "none"; }
    @Override public String description() { return "no native extensions: the kit's runtime module as it is"; }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path runtime = kit.runtime().resolve("runtime.wasm");
        if (!Files.isRegularFile(runtime)) throw new PipelineException("the runtime module is missing: " + runtime);
        Files.copy(runtime, ctx.output().resolve("runtime.wasm"));
        progress.status(String.format("runtime module %.1f MiB", Files.size(runtime) / 1048576.0));
    }
}
