package dev.pipeline.plugins.freeze;

import dev.pipeline.api.json.JsonObject;
import dev.pipeline.api.contract.ReachedBuiltins;
import dev.pipeline.api.contract.KeptModules;
import dev.pipeline.api.contract.EntryModules;
import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.image.ModuleImage;
import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.pipeline.api.diag.SourcePosition;

/**
 * Shared work of the packaging strategies: find the app's import DAG with the runtime kit's own Python, compile
 * (or keep as source) the modules it reaches, and write the module image the runtime loads.
 */
abstract class PackagingStrategy implements StageStrategy {
    private final Progress progress;
    private final RuntimeKit kit;

    PackagingStrategy(Progress progress, RuntimeKit kit) {
        this.progress = progress;
        this.kit = kit;
    }

    /** Whether the app's own modules are shipped as source text. */
    abstract boolean shipSource();

    @Override
    public Stage stage() {
        return Stage.PACKAGING;
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .stringList("include", "modules (or patterns like \"encodings.*\") to ship although no import statement "
                        + "names them, e.g. modules imported by importlib.import_module(\"x\")")
                .stringList("exclude", "modules (or patterns) never to ship, even if imported")
                .integer("optimize", "0 keeps asserts and docstrings, 1 drops asserts, 2 also drops docstrings", 0, 0, 2)
                .string("stdlib", "\"trim\" ships the stdlib modules the import DAG reaches, \"all\" ships all of it",
                        "trim", "trim", "all")
                .build();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path bindings = ctx.outputOf(Stage.BINDINGS).orElseThrow(
                () -> new PipelineException("packaging needs the bindings stage's output"));
        Path descriptor = bindings.resolve("descriptor.bin");
        if (!Files.isRegularFile(descriptor)) {
            throw new PipelineException("the bindings stage wrote no descriptor.bin (see docs/stage-contracts.md)");
        }
        Path kitRoot = kit.forTarget(ctx.app().target()).root();
        Path python = kitRoot.resolve("native/bin/python3.13");
        Path stdlib = kitRoot.resolve("stdlib/python3.13");

        List<String> roots = new ArrayList<>();
        if (Files.isDirectory(bindings.resolve("python"))) roots.add(bindings.resolve("python").toString());
        for (Path p : ctx.app().pythonPath()) roots.add(p.toString());
        List<String> entries = new ArrayList<>();
        entries.add(ctx.app().module());
        for (String name : EntryModules.read(bindings).modules()) {
            if (!entries.contains(name)) entries.add(name);
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("roots", roots);
        config.put("stdlib", stdlib.toString());
        config.put("entries", entries);
        config.put("include", ctx.config().stringList("include"));
        config.put("exclude", ctx.config().stringList("exclude"));
        config.put("optimize", ctx.config().integer("optimize"));
        config.put("source", shipSource());
        config.put("all_stdlib", "all".equals(ctx.config().string("stdlib")));
        config.put("target", ctx.app().target());
        Path work = ctx.scratch().resolve("freeze");
        Files.createDirectories(work);
        Path configFile = work.resolve("config.json");
        Files.writeString(configFile, JsonWriter.write(config));
        Path script = work.resolve("freeze_modules.py");
        try (InputStream in = PackagingStrategy.class.getResourceAsStream("freeze_modules.py")) {
            Files.copy(in, script);
        }
        Path out = work.resolve("out");
        progress.status("finding the import DAG of " + String.join(", ", entries));
        runPython(python, script, configFile, out);

        // the freezer's manifest: the kept modules (each with the file holding its data), the built-ins reached
        JsonObject manifest = JsonObject.of(JsonObject.parse(out, "manifest.json", "packaging"), "manifest.json");
        KeptModules kept = KeptModules.fromJson(manifest.raw("modules"), "manifest.json");
        List<JsonObject> dataFiles = JsonObject.list(manifest.raw("modules"), "manifest.json");
        List<ModuleImage.Module> modules = new ArrayList<>();
        long stdlibCount = 0;
        for (int i = 0; i < kept.modules().size(); i++) {
            KeptModules.Module m = kept.modules().get(i);
            int flags = (m.isPackage() ? ModuleImage.PACKAGE : 0) | (m.isSource() ? ModuleImage.SOURCE : 0);
            byte[] data = Files.readAllBytes(out.resolve(dataFiles.get(i).string("data")));
            modules.add(new ModuleImage.Module(m.name(), flags, data));
            if ("stdlib".equals(m.origin())) stdlibCount++;
            if (ctx.explain()) progress.status(String.format("%-40s %-6s %s", m.name(), m.origin(), m.reason()));
        }
        ModuleImage image = new ModuleImage(modules, Files.readAllBytes(descriptor), ctx.app().module());
        byte[] bytes = image.encode();
        Files.write(ctx.output().resolve("image.bin"), bytes);
        // what was kept and why, for --explain and for later stages (e.g. to compare with what pre-init loaded)
        kept.write(ctx.output());
        // the built-in C modules the same DAG reaches (the extensions stage may leave the others out of the runtime)
        Object builtins = manifest.raw("builtins");
        (builtins == null ? new ReachedBuiltins(List.of()) : ReachedBuiltins.fromJson(builtins, "manifest.json")).write(ctx.output());
        progress.status(String.format("%d modules (%d from the stdlib), image %.1f KiB from %.1f KiB of source",
                modules.size(), stdlibCount, bytes.length / 1024.0, manifest.number("source_bytes", 0) / 1024.0));
    }

    /** A one-line message from the analysis; "FILE:LINE:COL: message" becomes a positioned diagnostic. */
    private static PipelineException userError(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(/.*?):(\\d+):(\\d+): (.*)$").matcher(line);
        if (!m.matches()) return new PipelineException(line);
        Path file = Path.of(m.group(1));
        int row = Integer.parseInt(m.group(2));
        String text = null;
        try {
            // decoded leniently: the error may be that the file is not valid UTF-8
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            if (row >= 1 && row <= lines.size()) text = lines.get(row - 1);
        } catch (IOException e) {
            // no source line to show
        }
        return new PipelineException(SourcePosition.of(file.toString(), row, Integer.parseInt(m.group(3)))
                .withLineText(text), "Python " + m.group(4), "the module image is compiled from this file");
    }

    private static void runPython(Path python, Path script, Path config, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-I", "-B", script.toString(), config.toString(), out.toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        if (rc == 2) throw userError(stderr.lines().reduce((a, b) -> b).orElse("packaging failed"));
        if (rc != 0) {
            throw new PipelineException("the import analysis failed (exit " + rc + "): " + stderr
                    + (stdout.length > 0 ? "\n" + new String(stdout, StandardCharsets.UTF_8) : ""));
        }
    }
}
