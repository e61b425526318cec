package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.Diagnostics;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.UserCache;
import dev.pipeline.api.wasm.ModuleReader;

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

    /** What happens to the built-in C modules the app's import DAG does not reach. */
    enum Builtins {
        /** Kept: the runtime is the kit's (or the per-app link with extensions), unchanged. */
        ALL,
        /** Not linked: a per-app link without them (its own JVM translation for pre-initialisation). */
        TRIM,
        /** Cut from the finished component: the runtime keeps them while it runs at build time (pruned.json). */
        PRUNE;

        /** The strategy's setting. */
        static Builtins of(StageContext ctx) {
            return valueOf(ctx.config().string(BUILTINS).toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The {@code builtins} key the strategies accept. */
    static ConfigSchema.Builder builtinsKey(ConfigSchema.Builder b) {
        return b.string(BUILTINS, "what happens to the built-in C modules (and the libraries only they use) the import DAG "
                + "does not reach: \"prune\" cuts their code and data from the finished component (one shared runtime "
                + "runs at build time), \"trim\" links a runtime without them (smaller memory, but one link and one JVM "
                + "translation per app), \"all\" keeps every one", "prune", "prune", "trim", "all");
    }

    /** Links {@code runtime.wasm} (and writes extensions.json, and pruned.json when pruning) into the stage's output. */
    void link(StageContext ctx, List<ModuleSpec> specs, Builtins mode) throws IOException {
        boolean trim = mode != Builtins.ALL;
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
        String trimmedInittab = null;
        if (trim) {
            Path packaging = ctx.outputOf(Stage.PACKAGING).orElseThrow(
                    () -> new PipelineException("leaving out unused built-in modules needs the packaging stage's output"));
            List<BuiltinTrim.Entry> all = BuiltinTrim.kitInittab(tc, kit.root(), cache.resolve("inittab-" + runtimeDir.getFileName() + ".txt"));
            Map<String, String> reached = new java.util.TreeMap<>(BuiltinTrim.reached(packaging));
            CImports.imported(specs).forEach((name, by) -> reached.putIfAbsent(name, "imported from C by " + by));
            kept = BuiltinTrim.keep(all, reached);
            for (BuiltinTrim.Entry e : all) if (!kept.containsKey(e.module())) left.add(e.module());
            kept.keySet().retainAll(all.stream().map(BuiltinTrim.Entry::module).toList());
            trimmedInittab = BuiltinTrim.inittab(all, kept.keySet());
            if (mode == Builtins.TRIM) inputs.add(builder.compileGenerated(trimmedInittab, ctx.scratch(), "pl_builtin_inittab"));
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
        if (mode == Builtins.PRUNE && built.isEmpty()) {
            Path runtime = runtimeDir.resolve("runtime.wasm");
            if (!Files.isRegularFile(runtime)) throw new PipelineException("the runtime module is missing: " + runtime);
            Files.copy(runtime, out);
        } else {
            progress.status("linking the runtime module" + (built.isEmpty() ? "" : " with " + built.size() + " extension module"
                    + (built.size() == 1 ? "" : "s")) + (mode == Builtins.TRIM ? ", " + left.size() + " built-in modules left out" : ""));
            linkInto(inputs, out, ctx.scratch().resolve("runtime.wasm.map"));
        }

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
        if (mode == Builtins.PRUNE) {
            PrunedBuiltins plan = prunePlan(ctx, builder, inputs, trimmedInittab, left, built.isEmpty(), cache);
            plan.write(ctx.output());
            progress.status(String.format("%d built-in modules to prune after pre-initialisation: %d functions, %.1f KiB of data",
                    left.size(), plan.functionCount(), plan.dataBytes() / 1024.0));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("modules", report);
        doc.put("builtins", mode.name().toLowerCase(java.util.Locale.ROOT));
        doc.put("builtins_kept", new ArrayList<>(kept.keySet()));
        doc.put("builtins_left_out", left);
        doc.put("runtime_size", Files.size(out));
        doc.put("base_runtime_size", baseSize);
        Files.writeString(ctx.output().resolve("extensions.json"), JsonWriter.write(doc), StandardCharsets.UTF_8);
        progress.status(String.format("runtime module %.1f MiB (%+.1f KiB against the kit's)", Files.size(out) / 1048576.0,
                (Files.size(out) - baseSize) / 1024.0));
    }

    /**
     * builtins = "prune": the plan for the full runtime in the stage's output (the kit's, or the per-app link with
     * extensions), from a second link with the trimmed inittab whose only use is its link map. The kit's runtime
     * gives the same plan for the same kept modules: that plan is kept in the user's cache.
     */
    private PrunedBuiltins prunePlan(StageContext ctx, ExtensionBuilder builder, List<Path> inputs, String trimmedInittab,
                                     List<String> left, boolean kitRuntime, Path cache) throws IOException {
        Path cached = kitRuntime ? cache.resolve("prune").resolve(ExtensionBuilder.hash(List.of(kit.runtime().getFileName().toString(), trimmedInittab))) : null;
        if (cached != null && PrunedBuiltins.presentIn(cached)) return PrunedBuiltins.read(cached);
        List<Path> trimmed = new ArrayList<>(inputs);
        trimmed.add(builder.compileGenerated(trimmedInittab, ctx.scratch(), "pl_builtin_inittab"));
        progress.status("linking the runtime without " + left.size() + " built-in modules, to see what they alone reach");
        Path trimmedMap = ctx.scratch().resolve("trimmed.wasm.map");
        linkInto(trimmed, ctx.scratch().resolve("trimmed.wasm"), trimmedMap);
        Path fullMap = kitRuntime ? kit.runtime().resolve("runtime.map") : ctx.scratch().resolve("runtime.wasm.map");
        PrunedBuiltins plan = BuiltinPrune.plan(ModuleReader.read(ctx.output().resolve("runtime.wasm")), fullMap, trimmedMap, left);
        if (cached != null) {
            Path tmp = Files.createTempDirectory(Files.createDirectories(cached.getParent()), ".prune-");
            plan.write(tmp);
            try {
                Files.move(tmp, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) { // another build published the same plan first
                dev.pipeline.api.files.TempFiles.deleteQuietly(tmp);
            }
        }
        return plan;
    }

    /** {@link RuntimeKit#linkRuntime} into {@code out}, its link map moved to {@code map}, no debug copy left. */
    private void linkInto(List<Path> inputs, Path out, Path map) throws IOException {
        kit.linkRuntime(inputs, out);
        Files.deleteIfExists(out.resolveSibling(out.getFileName() + ".debug"));
        Path written = out.resolveSibling(out.getFileName() + ".map");
        if (Files.isRegularFile(written) && !written.equals(map)) Files.move(written, map, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
