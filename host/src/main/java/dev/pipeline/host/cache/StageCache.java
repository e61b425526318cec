package dev.pipeline.host.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Stage outputs kept by content hash under the user cache folder ({@code -Dpipeline.cache} or {@code $PIPELINE_CACHE}, else
 * {@code $XDG_CACHE_HOME/pipeline}, else {@code ~/.cache/pipeline}). An entry appears only when complete.
 */
public final class StageCache {
    private final Path root;

    public StageCache(Path root) {
        this.root = root;
    }

    /** The cache folder for this user. */
    public static Path defaultRoot() {
        return dev.pipeline.api.stage.UserCache.root();
    }

    public Path root() {
        return root;
    }

    /** The finished output of a stage with this key, if one exists. */
    public Optional<Path> lookup(String stage, String key) {
        Path dir = entry(stage, key);
        return Files.isRegularFile(dir.resolve(".complete")) ? Optional.of(dir) : Optional.empty();
    }

    private Path entry(String stage, String key) {
        return root.resolve("stages").resolve(stage).resolve(key);
    }

    /** A fresh folder for a stage to write into; {@link #commit} publishes it under its key. */
    public Path begin(String stage, String key) {
        try {
            Path parent = root.resolve("stages").resolve(stage);
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, key + ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a finished temporary folder; an entry that appeared meanwhile wins and the folder is discarded. */
    public Path commit(String stage, String key, Path temp) {
        Path dir = entry(stage, key);
        try {
            Files.writeString(temp.resolve(".complete"), key);
            if (Files.exists(dir)) deleteTree(dir);
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Removes a folder tree, ignoring what is already gone. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
