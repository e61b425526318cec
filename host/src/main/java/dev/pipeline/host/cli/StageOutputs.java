package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.stage.Stage;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code pipeline run --stage-outputs DIR}: copies the stage folders of a run out of the cache ({@code DIR/<stage>/},
 * without the cache's own {@code .manifest}) and writes {@code DIR/app.properties}, the app as strategies see it, and
 * {@code DIR/kit.properties}, the runtime kit's folders for the app's target (what the test kit's RuntimeKit gives).
 */
final class StageOutputs {
    private StageOutputs() {}

    static void write(AppSpec app, Map<Stage, Path> outputs, RuntimeKit kit, Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new PipelineException(SourcePosition.file(dir.toString()), "--stage-outputs: not a folder", null);
            }
            Files.createDirectories(dir);
            for (Map.Entry<Stage, Path> e : outputs.entrySet()) {
                Path target = dir.resolve(e.getKey().key());
                dev.pipeline.api.files.TempFiles.deleteTree(target);
                copyTree(e.getValue(), target);
            }
            Map<String, String> p = new java.util.TreeMap<>(); // sorted: reproducible
            p.put("recipe", app.recipe().toString());
            p.put("module", app.module());
            p.put("python-path", app.pythonPath().stream().map(Path::toString)
                    .collect(Collectors.joining(java.io.File.pathSeparator)));
            p.put("wit", app.wit().toString());
            if (app.world() != null) p.put("world", app.world());
            p.put("output", app.output().toString());
            p.put("world-module", app.worldModule());
            p.put("stub-wasi", Boolean.toString(app.stubWasi()));
            p.put("target", app.target());
            p.put("stages", outputs.keySet().stream().map(Stage::key).collect(Collectors.joining(",")));
            StringBuilder text = new StringBuilder("# the app of " + app.recipe().getFileName() + ", as strategies see it (AppSpec)\n");
            for (Map.Entry<String, String> e : p.entrySet()) text.append(propertyLine(e.getKey(), e.getValue())).append('\n');
            Files.writeString(dir.resolve("app.properties"), text, StandardCharsets.ISO_8859_1);
            writeKit(kit.forTarget(app.target()), app, dir.resolve("kit.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kit's folders; the adapter only when it can be had (it is fetched the first time). */
    private static void writeKit(RuntimeKit kit, AppSpec app, Path file) throws IOException {
        StringBuilder text = new StringBuilder("# the runtime kit for target " + app.target() + " (RuntimeKit)\n");
        text.append(propertyLine("root", kit.root().toString())).append('\n');
        text.append(propertyLine("runtime", kit.runtime().toString())).append('\n');
        try {
            text.append(propertyLine("adapter", kit.adapter().toString())).append('\n');
        } catch (PipelineException e) {
            // no adapter on this machine: a strategy asking for it gets the test kit's error
        }
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    /** One {@code key=value} line, escaped as java.util.Properties reads it. */
    private static String propertyLine(String key, String value) throws IOException {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter w = new StringWriter();
        one.store(w, null);
        return w.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().equals(".manifest")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
