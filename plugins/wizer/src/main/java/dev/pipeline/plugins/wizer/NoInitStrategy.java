package dev.pipeline.plugins.wizer;

import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;

/** init = "none": no pre-initialisation; the component initialises Python on its first call. */
@Extension
public final class NoInitStrategy implements StageStrategy {
    @Override public Stage stage() { return Stage.INIT; }
    @Override public String name() { return "none"; }
    @Override public String description() { return "no pre-initialisation: Python starts on the first call"; }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path runtime = ctx.outputOf(Stage.EXTENSIONS).map(p -> p.resolve("runtime.wasm"))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> new PipelineException("the extensions stage wrote no runtime.wasm"));
        Files.copy(runtime, ctx.output().resolve("runtime.wasm"));
        InitResult.notPreinitialised().write(ctx.output());
    }
}
