package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.Diagnostics;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.UserCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-app runtime link shared by the strategies: extension modules in, unused built-in modules out. */
final class RuntimeLinker {
    static final String BUILTINS = "builtins";

    private final RuntimeKit kit;
    private final Progress progress;
    private final Diagnostics diagnostics;

    RuntimeLinker(RuntimeKit kit, Progress progress, Diagnostics diagnostics) {
        this.kit = kit;
        this.progress = progress;
        this.diagnostics = diagnostics;
    }

    /** The {@code builtins} key both strategies accept. */
    static ConfigSchema.Builder builtinsKey(ConfigSchema.Builder b) {
        return b.string(BUILTINS, "\"trim\" leaves out the built-in C modules (and their libraries) the import DAG does not "
                + "reach; \"all\" keeps every one", "all", "trim", "all");
    }

    /** Links {@code runtime.wasm} (and writes extensions.json) into the stage's output. */
    void link(StageContext ctx, List<ModuleSpec> specs, boolean trim) throws IOException {
        Path runtimeDir = kit.runtime();
        Path cache = UserCache.root().resolve("extensions");
        Toolchain tc = new Toolchain(runtimeDir, kit.root());
        ExtensionBuilder builder = new ExtensionBuilder(tc, cache, runtimeDir, kit.root(), progress, kit::cython);
        List<ExtensionBuilder.Built> built = builder.build(specs, ctx.scratch());

        List<Path> inputs = new ArrayList<>();
        for (ExtensionBuilder.Built b : built) inputs.addAll(b.objects());
        if (!built.isEmpty()) inputs.add(builder.compileGenerated(ExtensionBuilder.inittab(built), ctx.scratch(), "pl_extension_inittab"));
        Map<String, String> kept = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        if (trim) {
            Path packaging = ctx.outputOf(Stage.PACKAGING).orElseThrow(
                    () -> new PipelineException("leaving out unused built-in modules needs the packaging stage's output"));
            List<BuiltinTrim.Entry> all = BuiltinTrim.kitInittab(tc, kit.root(), cache.resolve("inittab-" + runtimeDir.getFileName() + ".txt"));
            Map<String, String> reached = new java.util.TreeMap<>(BuiltinTrim.reached(packaging));
            CImports.imported(specs).forEach((name, by) -> reached.putIfAbsent(name, "imported from C by " + by));
            kept = BuiltinTrim.keep(all, reached);
            for (BuiltinTrim.Entry e : all) if (!kept.containsKey(e.module())) left.add(e.module());
            kept.keySet().retainAll(all.stream().map(BuiltinTrim.Entry::module).toList());
            inputs.add(builder.compileGenerated(BuiltinTrim.inittab(all, kept.keySet()), ctx.scratch(), "pl_builtin_inittab"));
        }
        Optional<Path> packagingOut = ctx.outputOf(Stage.PACKAGING);
        if (packagingOut.isPresent() && !built.isEmpty()) {
            Set<String> builtinNames = new HashSet<>(kept.keySet());
            if (!trim) {
                for (BuiltinTrim.Entry e : BuiltinTrim.kitInittab(tc, kit.root(), cache.resolve("inittab-" + runtimeDir.getFileName() + ".txt"))) {
                    builtinNames.add(e.module());
                }
            }
            for (Diagnostic d : CImports.missing(specs, packagingOut.get(), builtinNames)) diagnostics.report(d);
        }
        Path out = ctx.output().resolve("runtime.wasm");
        progress.status("linking the runtime module" + (built.isEmpty() ? "" : " with " + built.size() + " extension module"
                + (built.size() == 1 ? "" : "s")) + (trim ? ", " + left.size() + " built-in modules left out" : ""));
        kit.linkRuntime(inputs, out);
        Files.deleteIfExists(out.resolveSibling("runtime.wasm.debug"));

        long baseSize = Files.size(runtimeDir.resolve("runtime.wasm"));
        List<Map<String, Object>> report = new ArrayList<>();
        for (ExtensionBuilder.Built b : built) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.spec().name());
            m.put("init", b.initSymbol());
            m.put("renamed", b.renamed());
            m.put("wrapped", b.fixes());
            report.add(m);
            if (ctx.explain()) {
                progress.status(b.spec().name() + ": linked in as a built-in module (init " + b.initSymbol() + ")");
                b.renamed().forEach((sym, why) -> progress.status("  renamed " + sym + " -> " + b.spec().symbolPrefix() + sym + ": " + why));
                for (String f : b.fixes()) progress.status("  wrapped " + f);
            }
        }
        if (ctx.explain() && trim) {
            kept.forEach((m, why) -> progress.status(String.format("built-in %-20s kept: %s", m, why)));
            progress.status("built-in modules left out (not reached): " + String.join(", ", left));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("modules", report);
        doc.put("builtins_kept", new ArrayList<>(kept.keySet()));
        doc.put("builtins_left_out", left);
        doc.put("runtime_size", Files.size(out));
        doc.put("base_runtime_size", baseSize);
        Files.writeString(ctx.output().resolve("extensions.json"), JsonWriter.write(doc), StandardCharsets.UTF_8);
        progress.status(String.format("runtime module %.1f MiB (%+.1f KiB against the kit's)", Files.size(out) / 1048576.0,
                (Files.size(out) - baseSize) / 1024.0));
    }
}
