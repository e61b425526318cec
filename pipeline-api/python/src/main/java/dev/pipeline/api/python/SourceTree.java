package dev.pipeline.api.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes generated Python files (relative path → text) under a folder, in a stable order. */
public final class SourceTree {
    private SourceTree() {}

    /** Writes every file of {@code files} under {@code root}, creating folders as needed. */
    public static void write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
