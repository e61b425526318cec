package dev.pipeline.host.plan;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.host.cache.ContentHash;
import dev.pipeline.host.recipe.Recipe;

import dev.pipeline.host.files.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash of everything the app contributes to a build: module and world names, the WIT files and every file under
 * the python-path, streamed. Left out: the output and its folder, {@code .wasm} files, dot-files and dot-folders,
 * {@code __pycache__}, the recipe itself and what {@code [app] exclude} names; a file above
 * {@code [app] max-file-size} is an error.
 */
final class AppInputs {
    private AppInputs() {}

    static String hash(AppSpec app, Recipe.AppFiles files) {
        ContentHash h = new ContentHash().add(app.module()).add(String.valueOf(app.world()))
                .add(app.worldModule()).add(String.valueOf(app.stubWasi()))
                .add("target:" + app.target());
        h.addTree(app.wit(), p -> p.toString().endsWith(".wit"));
        List<Matcher> exclude = new ArrayList<>();
        for (String pattern : files.exclude()) exclude.add(Matcher.of(pattern));
        for (Path root : app.pythonPath()) addRoot(h, app, files, exclude, root);
        return h.hex();
    }

    private static void addRoot(ContentHash h, AppSpec app, Recipe.AppFiles files, List<Matcher> exclude, Path root) {
        h.add("root:" + root.getFileName());
        if (!Files.isDirectory(root)) {
            h.add("<missing>");
            return;
        }
        Path out = app.output().toAbsolutePath().normalize();
        Path outDir = out.getParent();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) return FileVisitResult.CONTINUE;
                    String name = dir.getFileName().toString();
                    if (name.startsWith(".") || name.equals("__pycache__") || dir.equals(outDir) || excluded(exclude, root, dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!attrs.isRegularFile() || name.startsWith(".") || name.endsWith(".wasm") || file.equals(out)
                            || file.equals(app.recipe()) || excluded(exclude, root, file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.size() > files.maxFileSize()) tooLarge(root, file, attrs.size(), files);
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    throw new PipelineException(SourcePosition.file(file.toString()), "cannot read this file of the app: "
                            + exc.getMessage(), "leave it out with [app] exclude, or fix its permissions");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        for (Path f : found) {
            h.add(root.relativize(f).toString().replace('\\', '/'));
            h.addFile(f);
        }
    }

    private static boolean excluded(List<Matcher> exclude, Path root, Path p) {
        if (exclude.isEmpty()) return false;
        Path rel = root.relativize(p);
        for (Matcher m : exclude) if (m.matches(rel)) return true;
        return false;
    }

    private static void tooLarge(Path root, Path file, long size, Recipe.AppFiles files) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        SourcePosition at = files.maxFileSizeAt() != null ? files.maxFileSizeAt() : SourcePosition.file(file.toString());
        throw new PipelineException(at, "the app's file " + file + " is " + Sizes.human(size) + ", above the limit of "
                + Sizes.human(files.maxFileSize()) + " for a file under the python-path ([app] max-file-size)",
                "leave it out with [app] exclude = [\"" + rel + "\"] if the build does not need it, or raise [app] max-file-size");
    }


    /**
     * An {@code exclude} pattern (glob): without a {@code /} it matches a file or folder name at any depth
     * ({@code "*.csv"}, {@code "data"}); with one it matches the path from the python-path folder
     * ({@code "assets/big/**"}). A folder that matches is left out with everything under it.
     */
    private record Matcher(PathMatcher glob, boolean byName) {
        static Matcher of(String pattern) {
            String p = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            boolean byName = !p.contains("/");
            return new Matcher(FileSystems.getDefault().getPathMatcher("glob:" + p), byName);
        }

        boolean matches(Path rel) {
            if (byName) return glob.matches(rel.getFileName());
            return glob.matches(rel);
        }
    }
}
