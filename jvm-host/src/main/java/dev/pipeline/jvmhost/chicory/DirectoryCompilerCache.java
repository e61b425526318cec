package dev.pipeline.jvmhost.chicory;

import com.dylibso.chicory.compiler.Cache;
import dev.pipeline.api.files.TempFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the Chicory runtime compiler's output (the JVM classes of a module, keyed by the module's digest) in a
 * folder, so a module is compiled once per machine instead of once per JVM. Entries are written atomically.
 */
public final class DirectoryCompilerCache implements Cache {
    private final Path dir;

    /** @param dir the folder holding the entries (created when first written) */
    public DirectoryCompilerCache(Path dir) {
        this.dir = dir;
    }

    private Path entry(String key) {
        return dir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".classes");
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path p = entry(key);
        if (!Files.isRegularFile(p)) return null;
        try {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis())); // last use
        } catch (IOException e) {
            // a read-only cache still works
        }
        return Files.readAllBytes(p);
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path p = entry(key);
        if (Files.isRegularFile(p)) return;
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".entry." + TempFiles.tag() + ".tmp");
        TempFiles.register(tmp);
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TempFiles.remove(tmp);
        }
    }
}
