package dev.pipeline.plugins.wizer;

import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** init = "none": no pre-initialisation; the component initialises Python on its first call. */
@Extension
public final class NoInitStrategy implements StageStrategy {
    private final Progress progress;

    @Inject
    public NoInitStrategy(Progress progress) {
        this.progress = progress;
    }

    @Override public Stage stage() { return Stage.INIT; }
    @Override public String name() { return "none"; }
    @Override public String description() { return "no pre-initialisation: Python starts on the first call"; }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path runtime = ctx.outputOf(Stage.EXTENSIONS).map(p -> p.resolve("runtime.wasm"))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> new PipelineException("the extensions stage wrote no runtime.wasm"));
        Optional<PrunedBuiltins> plan = Pruning.of(ctx);
        if (plan.isEmpty()) {
            Files.copy(runtime, ctx.output().resolve("runtime.wasm"));
        } else {
            // builtins = "prune" without pre-initialisation: the list goes into the static data the runtime starts from
            Module module = ModuleReader.read(runtime);
            Pruning.applyToStaticData(module, plan.get());
            long saved = Pruning.stubFunctions(module, plan.get());
            Files.write(ctx.output().resolve("runtime.wasm"), ModuleWriter.write(module));
            progress.status(String.format("pruned %d built-in modules: %.1f KiB of code and names, %.1f KiB of data",
                    plan.get().modules().size(), saved / 1024.0, plan.get().dataBytes() / 1024.0));
        }
        InitResult.notPreinitialised().write(ctx.output());
    }
}
