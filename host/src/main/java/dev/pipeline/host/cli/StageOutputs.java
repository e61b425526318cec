package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
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
 * without the cache's own {@code .manifest}) and writes {@code DIR/app.properties}, the app as strategies see it.
 */
final class StageOutputs {
    private StageOutputs() {}

    static void write(AppSpec app, Map<Stage, Path> outputs, Path dir) {
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
            p.put("stages", outputs.keySet().stream().map(Stage::key).collect(Collectors.joining(",")));
            StringBuilder text = new StringBuilder("# the app of " + app.recipe().getFileName() + ", as strategies see it (AppSpec)\n");
            for (Map.Entry<String, String> e : p.entrySet()) text.append(propertyLine(e.getKey(), e.getValue())).append('\n');
            Files.writeString(dir.resolve("app.properties"), text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
