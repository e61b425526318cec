package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The checks the scaffolding commands ({@code new}, {@code new-plugin}) share: names and the target folder. */
final class ScaffoldChecks {
    private ScaffoldChecks() {}

    /** True when {@code name} is lowercase kebab-case ({@code my-app}), the form WIT and strategy names take. */
    static boolean isKebabCase(String name) {
        return name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    }

    /** Refuses a {@code folder} that exists and is not an empty folder. */
    static void requireNewFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        boolean empty;
        try (Stream<Path> entries = Files.isDirectory(folder) ? Files.list(folder) : null) {
            empty = entries != null && entries.findAny().isEmpty();
        }
        if (!empty) {
            throw new PipelineException(SourcePosition.file(folder.toString()), "already exists and is not empty",
                    "choose a new folder name");
        }
    }
}
