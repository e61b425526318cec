package dev.pipeline.plugins.splicer;

import dev.pipeline.api.contract.SelectedWorld;
import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.world.WorldTypeEncoder;
import dev.pipeline.api.world.WorldView;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.SectionId;

/**
 * splice = "in-place": adds the world's glue to the runtime module itself (see {@link RuntimeSplicer}), attaches the
 * world's component type and wraps module and WASI adapter into the component (shim and fixup modules break the
 * memory/realloc cycles). See docs/decisions/0003-splice-in-place.md for why this is the default.
 */
@Extension
public final class InPlaceSpliceStrategy implements StageStrategy {
    private final Progress progress;
    private final RuntimeKit kit;

    @Inject
    public InPlaceSpliceStrategy(Progress progress, RuntimeKit kit) {
        this.progress = progress;
        this.kit = kit;
    }

    @Override public Stage stage() { return Stage.SPLICE; }
    @Override public String name() { return "in-place"; }
    @Override public String description() { return "world glue added to the runtime module, wrapped with the WASI adapter"; }

    /** 2: exported interfaces' shim components declare the types they use (components cached before were invalid). */
    @Override public String cacheVersion() { return "2"; }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path bindings = ctx.outputOf(Stage.BINDINGS).orElseThrow(() -> new PipelineException("splice needs the bindings stage"));
        Path init = ctx.outputOf(Stage.INIT).orElseThrow(() -> new PipelineException("splice needs the init stage"));
        Path packaging = ctx.outputOf(Stage.PACKAGING).orElseThrow(() -> new PipelineException("splice needs the packaging stage"));
        WorldView view = WorldView.load(ctx.app(), SelectedWorld.read(bindings));

        boolean preinitialised = InitResult.read(init).preinitialised();
        // a pre-initialised runtime already holds the image in its memory; otherwise it is embedded
        byte[] image = preinitialised ? null : Files.readAllBytes(packaging.resolve("image.bin"));

        long t0 = System.nanoTime();
        Module runtime = ModuleReader.read(Files.readAllBytes(init.resolve("runtime.wasm")), "runtime.wasm");
        RuntimeSplicer.Summary summary = new RuntimeSplicer(view).splice(runtime, image);
        WorldEncoding.World world = WorldTypeEncoder.encode(view.model(), view.model().world(view.world().id()));
        runtime.customSections.add(new CustomSection(WorldEncoding.sectionName(world),
                WorldEncoding.customSection(world), SectionId.DATA));
        // stub-wasi: the runtime's WASI calls are served inside the module, so no adapter and no WASI import remain
        int stubbed = ctx.app().stubWasi() ? WasiStubber.stub(runtime) : 0;
        Module adapter = ctx.app().stubWasi() ? null
                : ModuleReader.read(Files.readAllBytes(kit.adapter()), "wasi_snapshot_preview1.reactor.wasm");
        // the world is given: the runtime may carry import-only worlds of its libraries too (wasi-libc for wasip2)
        byte[] component = ComponentEncoder.encode(ComponentNew.build(runtime, world, adapter));
        if (stubbed > 0) progress.status(stubbed + " WASI functions stubbed (stub-wasi)");
        Files.write(ctx.output().resolve("component.wasm"), component);
        progress.status(String.format("%d exports, %d imports%s; component %.1f MiB in %.1f s", summary.exports(), summary.imports(),
                image == null ? "" : String.format(", image %.0f KiB embedded", summary.imageBytes() / 1024.0),
                component.length / 1048576.0, (System.nanoTime() - t0) / 1e9));
    }
}
