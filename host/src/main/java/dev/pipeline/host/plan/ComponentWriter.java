package dev.pipeline.host.plan;

import dev.pipeline.api.contract.DependencyComponents;
import dev.pipeline.api.component.Composer;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.files.TempFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The encode step: takes the component the splice stage assembled ({@code component.wasm} in its folder),
 * checks it is a component binary, composes it with the dependency components of {@code extensions = "component"}
 * if any, and writes it to the recipe's output atomically (temp file + rename).
 */
public class ComponentWriter {

    public void write(Plan plan, Map<Stage, Path> outputs, Path out) {
        Path spliced = outputs.get(Stage.SPLICE).resolve("component.wasm");
        if (!Files.isRegularFile(spliced)) {
            throw new PipelineException("the splice stage wrote no component.wasm into its output folder");
        }
        try {
            byte[] bytes = Files.readAllBytes(spliced);
            if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm'
                    || bytes[6] != 1 || bytes[7] != 0) {
                throw new PipelineException("the splice stage's component.wasm is not a WebAssembly component binary");
            }
            writeAtomically(out, compose(bytes, outputs.get(Stage.EXTENSIONS)));
        } catch (IOException e) {
            throw new PipelineException("cannot write " + out + ": " + e.getMessage());
        }
    }

    /**
     * When the extensions stage left dependency components ({@code components.json}, see docs/stage-contracts.md),
     * the app component is composed with them: their exported interfaces satisfy the app's imports.
     */
    static byte[] compose(byte[] app, Path extensions) throws IOException {
        if (extensions == null || !DependencyComponents.presentIn(extensions)) return app;
        List<Composer.Dependency> deps = new ArrayList<>();
        for (DependencyComponents.Dependency d : DependencyComponents.read(extensions).components()) {
            deps.add(new Composer.Dependency(d.from(), Files.readAllBytes(extensions.resolve(d.file()))));
        }
        if (deps.isEmpty()) return app;
        return Composer.compose(app, "the app component", deps).component();
    }

    /**
     * Writes next to the target and renames, so a failed or interrupted write leaves no partial file. The temporary
     * file ({@code .<name>.<owner>.tmp}) is removed on every exit path; ones left by a killed run are removed here.
     */
    public static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + out.getFileName() + ".";
        removeStale(dir, prefix);
        Path tmp = dir.resolve(prefix + TempFiles.tag() + ".tmp");
        TempFiles.register(tmp);
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            TempFiles.crashPoint("encode:write", "encode");
            // a temporary file is private (0600); the output is an ordinary file
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TempFiles.remove(tmp);
        }
    }

    /** Removes {@code .<name>.*.tmp} files beside the output that a run which is over left behind. */
    private static void removeStale(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(".tmp") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                try {
                    if (TempFiles.isStale(name, Files.getLastModifiedTime(p).toMillis())) Files.deleteIfExists(p);
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
