package dev.pipeline.plugins.bindgen;

import dev.pipeline.api.contract.EntryModules;
import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.descriptor.DescriptorBuilder;
import dev.pipeline.api.descriptor.WorldDescriptor;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.python.SourceTree;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.BindingsWorld;
import dev.pipeline.api.world.WorldView;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.pipeline.api.python.PythonNames;

/**
 * bindings = "static": the {@code wit_world} package componentize-py users know (dataclasses, enums, flags,
 * variants, Result/Ok/Err, Protocol classes for exports) plus the descriptor table. Writes {@code python/}
 * (what runs in the component), {@code stubs/} (for IDEs and mypy), {@code descriptor.bin} and {@code entries.txt}.
 */
@Extension
public final class StaticBindingsStrategy implements StageStrategy {
    private final Progress progress;

    @Inject
    public StaticBindingsStrategy(Progress progress) {
        this.progress = progress;
    }

    @Override public Stage stage() { return Stage.BINDINGS; }
    @Override public String name() { return "static"; }
    @Override public String description() { return "generated wit_world package (dataclasses, enums, Protocols), componentize-py style"; }

    /** 2: poll_loop.py is written for worlds that import wasi:io/poll. */
    @Override public String cacheVersion() { return "2"; }

    @Override
    public ConfigSchema configSchema() {
        return BindingsWorld.featureKeys(ConfigSchema.builder()).build();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        AppSpec app = ctx.app();
        WorldView view = BindingsWorld.load(ctx);
        WitWorld world = view.world();
        PythonLayout layout = new PythonLayout(view, app.worldModule());
        checkExportedResourceModules(view, layout, app);

        StaticBindingsGenerator runtime = new StaticBindingsGenerator(view, layout, false);
        Map<String, String> python = runtime.generate();
        Map<String, String> stubs = new StaticBindingsGenerator(view, layout, true).generate();
        // the asyncio helper componentize-py ships for WASI 0.2 apps: plain Python, the same in both trees
        PollLoopModule.forWorld(view, layout).ifPresent(source -> {
            python.put(PollLoopModule.FILE, source);
            stubs.put(PollLoopModule.FILE, source);
        });
        SourceTree.write(ctx.output().resolve("python"), python);
        SourceTree.write(ctx.output().resolve("stubs"), stubs);
        Files.write(ctx.output().resolve("descriptor.bin"), WorldDescriptor.build(view, layout, DescriptorBuilder.Mode.STATIC));

        Set<String> entries = new LinkedHashSet<>(runtime.modules());
        entries.add("componentize_py_types");
        for (WorldResource r : view.resources()) {
            if (r.exported() && layout.exportedResourceModule(r) != null) entries.add(layout.exportedResourceModule(r));
        }
        new EntryModules(List.copyOf(entries)).write(ctx.output());
        BindingsWorld.recordSelection(ctx, view);
        progress.status(String.format("world %s: %d exports, %d imports, %d resources; %d Python modules",
                world.name(), view.exports().size(), view.imports().size(), view.resources().size(), runtime.modules().size()));
    }

    private static void checkExportedResourceModules(WorldView view, PythonLayout layout, AppSpec app) {
        if (app.pythonPath().isEmpty()) return; // bindings only (`pipeline bindings` with componentize-py's options)
        for (WorldResource r : view.resources()) {
            if (!r.exported()) continue;
            String module = layout.exportedResourceModule(r);
            if (module == null) continue;
            boolean found = app.pythonPath().stream().anyMatch(p -> Files.isRegularFile(p.resolve(module + ".py"))
                    || Files.isRegularFile(p.resolve(module).resolve("__init__.py")));
            if (!found) {
                String cls = PythonNames.upperCamel(r.name());
                throw new PipelineException(SourcePosition.file(app.recipe().toString()), "the world exports resource `" + r.name()
                        + "` of `" + r.interfaceKey() + "`, but module `" + module + "` is not in the python-path",
                        "define `class " + cls + "(" + layout.root() + ".exports." + module + "." + cls + ")` in " + module + ".py");
            }
        }
    }

}
