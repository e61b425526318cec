package dev.pipeline.api.contract;

import dev.pipeline.api.diag.PipelineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code entries.txt}, written by the bindings stage: modules the runtime imports by name (besides the app module),
 * one per line, so packaging keeps them and what they import.
 */
public record EntryModules(List<String> modules) {
    /** The file's name in the bindings stage's folder. */
    public static final String FILE = "entries.txt";

    public EntryModules {
        modules = List.copyOf(modules);
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.writeString(dir.resolve(FILE), String.join("\n", modules) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
        }
    }

    /** Reads {@link #FILE} from {@code dir}; no file means no entry modules. Blank lines are skipped. */
    public static EntryModules read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return new EntryModules(List.of());
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !out.contains(line.trim())) out.add(line.trim());
            }
            return new EntryModules(out);
        } catch (IOException e) {
            throw new PipelineException("cannot read " + f + ": " + e.getMessage());
        }
    }
}
