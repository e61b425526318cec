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
            Properties p = new Properties() {
                @Override
                public synchronized java.util.Set<Map.Entry<Object, Object>> entrySet() {
                    return new java.util.TreeMap<>(this).entrySet(); // stable order
                }
            };
            p.setProperty("recipe", app.recipe().toString());
            p.setProperty("module", app.module());
            p.setProperty("python-path", app.pythonPath().stream().map(Path::toString)
                    .collect(Collectors.joining(java.io.File.pathSeparator)));
            p.setProperty("wit", app.wit().toString());
            if (app.world() != null) p.setProperty("world", app.world());
            p.setProperty("output", app.output().toString());
            p.setProperty("world-module", app.worldModule());
            p.setProperty("stub-wasi", Boolean.toString(app.stubWasi()));
            p.setProperty("stages", outputs.keySet().stream().map(Stage::key).collect(Collectors.joining(",")));
            StringWriter w = new StringWriter();
            p.store(w, "the app of " + app.recipe().getFileName() + ", as strategies see it (AppSpec)");
            String text = w.toString().lines().filter(l -> !l.startsWith("#") || l.startsWith("# the app"))
                    .collect(Collectors.joining("\n", "", "\n")); // no date line: reproducible
            Files.writeString(dir.resolve("app.properties"), text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
