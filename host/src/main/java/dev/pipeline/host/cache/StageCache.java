package dev.pipeline.host.cache;

import dev.pipeline.api.files.TempFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import dev.pipeline.api.stage.UserCache;

/**
 * Stage outputs kept under the user cache folder ({@code -Dpipeline.cache} or {@code $PIPELINE_CACHE}, else
 * {@code $XDG_CACHE_HOME/pipeline}, else {@code ~/.cache/pipeline}).
 *
 * <p>Layout: {@code stages/<stage>/objects/<content>/} holds a stage's output files plus a {@code .manifest} (size
 * and SHA-256 of every file, written last), named by the hash of that manifest; {@code stages/<stage>/<key>.ref}
 * names the object that the inputs {@code key} produced. An object is written in {@code tmp/}, synced, and renamed
 * into place; it is never modified afterwards. A ref is replaced atomically by a rename. So readers never see a
 * half entry, concurrent builds never remove what another one reads, and a crash at any point leaves either no
 * entry or a complete one. Every object is verified against its manifest before use; a damaged one is reported
 * once, moved away and rebuilt.
 */
public final class StageCache {

    private final Path root;
    private final Consumer<String> warn;

    public StageCache(Path root) {
        this(root, m -> {});
    }

    /** @param warn receives one line per damaged entry found (then rebuilt) */
    public StageCache(Path root, Consumer<String> warn) {
        this.root = root;
        this.warn = warn;
    }

    /** The cache folder for this user (defined once, beside the compiled-module cache it also holds). */
    public static Path defaultRoot() {
        return UserCache.root();
    }

    public Path root() {
        return root;
    }

    Path stagesDir() {
        return root.resolve("stages");
    }

    /** Where temporary folders of stage outputs and scratch space are made: on the cache's file system. */
    Path tmpDir() {
        return root.resolve("tmp");
    }

    private Path ref(String stage, String key) {
        return stagesDir().resolve(stage).resolve(key + ".ref");
    }

    private Path objects(String stage) {
        return stagesDir().resolve(stage).resolve("objects");
    }

    /** The verified output of a stage with this key, if one exists; a damaged one is reported and dropped. */
    public Optional<Path> lookup(String stage, String key) {
        Path ref = ref(stage, key);
        String content;
        try {
            content = Files.readString(ref).strip();
        } catch (IOException e) {
            return Optional.empty(); // no entry for this key (or an unreadable ref: rebuilt)
        }
        if (!content.matches("[0-9a-f]{32}")) return Optional.empty();
        Path object = objects(stage).resolve(content);
        if (!Files.isDirectory(object)) return Optional.empty();
        Optional<String> problem = Manifest.verify(object, content);
        if (problem.isPresent()) {
            discardDamaged(stage, key, object, problem.get());
            return Optional.empty();
        }
        // last use, for `pipeline cache clean --older-than`
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        try {
            Files.setLastModifiedTime(ref, now);
            Files.setLastModifiedTime(object, now);
        } catch (IOException e) {
            // a read-only cache still works
        }
        return Optional.of(object);
    }

    /** Moves a damaged object out of the way (so it can be rebuilt under its name) and says so, once. */
    private void discardDamaged(String stage, String key, Path object, String problem) {
        Path trash = tmpDir().resolve("damaged-" + stage + "." + TempFiles.tag());
        try {
            Files.createDirectories(tmpDir());
            Files.move(object, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // another run moved it first and reported it
        }
        TempFiles.deleteQuietly(trash);
        warn.accept("the cached output of stage `" + stage + "` (" + key + ") was damaged (" + problem
                + "); it is rebuilt");
    }

    /** A fresh folder for a stage to write into; {@link #commit} publishes it, {@link #discard} removes it. */
    public Path begin(String stage, String key) {
        return makeTemp(stage + "-" + key);
    }

    /** A fresh scratch folder for a stage, removed by {@link #discard} after the stage and on every exit path. */
    public Path scratch(String stage) {
        return makeTemp("scratch-" + stage);
    }

    private Path makeTemp(String label) {
        try {
            Files.createDirectories(tmpDir());
            Path dir = tmpDir().resolve(label + "." + TempFiles.tag());
            TempFiles.register(dir);
            Files.createDirectory(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a temporary folder made by {@link #begin} or {@link #scratch}. */
    public void discard(Path temp) {
        TempFiles.remove(temp);
    }

    /**
     * Publishes a finished temporary folder: its manifest is written last, everything is synced, the folder is
     * renamed to its content's name (an existing verified object with that name is kept and the folder discarded),
     * then the key's ref is pointed at it. Returns the object folder.
     */
    public Path commit(String stage, String key, Path temp) {
        try {
            TempFiles.crashPoint("commit:files", stage);
            String content = Manifest.write(temp);
            TempFiles.crashPoint("commit:manifest", stage);
            Path objects = objects(stage);
            Files.createDirectories(objects);
            Path object = objects.resolve(content);
            for (int attempt = 0; ; attempt++) {
                if (Files.isDirectory(object)) {
                    Optional<String> problem = Manifest.verify(object, content);
                    if (problem.isEmpty()) {
                        TempFiles.remove(temp); // the same content is already there: keep it, never replace
                        break;
                    }
                    discardDamaged(stage, key, object, problem.get());
                }
                try {
                    Files.move(temp, object, StandardCopyOption.ATOMIC_MOVE);
                    TempFiles.release(temp);
                    Manifest.syncDir(objects);
                    break;
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the cache folder " + root + " does not support atomic renames", e);
                } catch (FileSystemException e) {
                    // another run published the same content meanwhile (Linux says "Directory not empty"): check it
                    if (!Files.isDirectory(object) || attempt >= 3) throw e;
                }
            }
            TempFiles.crashPoint("commit:rename", stage);
            writeRef(stage, key, content);
            TempFiles.crashPoint("commit:ref", stage);
            return object;
        } catch (IOException e) {
            TempFiles.remove(temp);
            throw new UncheckedIOException(e);
        }
    }

    private void writeRef(String stage, String key, String content) throws IOException {
        Path ref = ref(stage, key);
        Path tmp = tmpDir().resolve("ref-" + stage + "-" + key + "." + TempFiles.tag());
        TempFiles.register(tmp);
        try {
            Manifest.writeSynced(tmp, (content + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Path old = objectOf(stage, ref);
            Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Manifest.syncDir(ref.getParent());
            // an object no longer named by a ref is kept for a while: a concurrent run may still be reading it
            if (old != null && !old.getFileName().toString().equals(content)) touch(old);
        } finally {
            TempFiles.remove(tmp);
        }
    }

    private Path objectOf(String stage, Path ref) {
        try {
            String c = Files.readString(ref).strip();
            return c.matches("[0-9a-f]{32}") ? objects(stage).resolve(c) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // gone already
        }
    }


    /**
     * Removes what dead runs left: temporary and scratch folders whose process is gone (or that are older than
     * {@link TempFiles#STALE}), objects that no ref names and that were not used for that long, and folders of the
     * cache's earlier layout. Returns the number of items removed.
     */
    public int removeStale() {
        int removed = 0;
        for (Path p : list(tmpDir())) {
            String name = p.getFileName().toString();
            if (TempFiles.isOurs(name)) continue;
            if (TempFiles.isStale(name, modified(p))) {
                TempFiles.deleteQuietly(p);
                removed++;
            }
        }
        for (Path p : list(root.resolve("chicory"))) {
            String name = p.getFileName().toString();
            if (name.endsWith(".tmp") && !TempFiles.isOurs(name) && TempFiles.isStale(name, modified(p))) {
                TempFiles.deleteQuietly(p); // a compiled runtime being written when its run was killed
                removed++;
            }
        }
        long cutoff = System.currentTimeMillis() - TempFiles.STALE.toMillis();
        for (Path stageDir : list(stagesDir())) {
            if (!Files.isDirectory(stageDir)) continue;
            Set<String> named = new HashSet<>();
            for (Path p : list(stageDir)) {
                String name = p.getFileName().toString();
                if (name.endsWith(".ref")) {
                    Path o = objectOf(stageDir.getFileName().toString(), p);
                    if (o != null) named.add(o.getFileName().toString());
                } else if (!name.equals("objects") && modified(p) < cutoff) {
                    TempFiles.deleteQuietly(p); // the earlier layout: <key>/ with .complete, <key>.tmp-*/
                    removed++;
                }
            }
            for (Path o : list(stageDir.resolve("objects"))) {
                if (!named.contains(o.getFileName().toString()) && modified(o) < cutoff) {
                    TempFiles.deleteQuietly(o);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** One stage output kept in the cache. */
    public record Entry(String stage, String key, Path object, long bytes, long lastUsedMillis) {}

    /** Every entry of the cache (by ref), with its size and last use. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Path stageDir : list(stagesDir())) {
            String stage = stageDir.getFileName().toString();
            for (Path p : list(stageDir)) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".ref")) continue;
                Path o = objectOf(stage, p);
                if (o == null || !Files.isDirectory(o)) continue;
                out.add(new Entry(stage, name.substring(0, name.length() - 4), o, size(o), modified(p)));
            }
        }
        return out;
    }

    /** Bytes under a folder (0 if it does not exist). */
    public static long size(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * Removes entries not used for {@code olderThan} (all of them when null), with the objects no remaining ref
     * names, and stale temporaries. Returns the bytes freed.
     */
    public long clean(Duration olderThan) {
        long before = size(stagesDir()) + size(tmpDir());
        long cutoff = olderThan == null ? Long.MAX_VALUE : System.currentTimeMillis() - olderThan.toMillis();
        for (Path stageDir : list(stagesDir())) {
            String stage = stageDir.getFileName().toString();
            Set<String> kept = new HashSet<>();
            for (Path p : list(stageDir)) {
                String name = p.getFileName().toString();
                if (name.equals("objects")) continue;
                if (name.endsWith(".ref") && modified(p) >= cutoff) {
                    Path o = objectOf(stage, p);
                    if (o != null) kept.add(o.getFileName().toString());
                    continue;
                }
                TempFiles.deleteQuietly(p);
            }
            for (Path o : list(stageDir.resolve("objects"))) {
                if (!kept.contains(o.getFileName().toString()) && modified(o) < cutoff) TempFiles.deleteQuietly(o);
            }
        }
        for (Path p : list(tmpDir())) {
            String name = p.getFileName().toString();
            // a running build's temporaries are its own: it removes them when it ends
            if (!TempFiles.isOurs(name) && TempFiles.isStale(name, modified(p))) TempFiles.deleteQuietly(p);
        }
        return Math.max(0, before - size(stagesDir()) - size(tmpDir()));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Removes a folder tree, ignoring what is already gone. */
    public static void deleteTree(Path dir) {
        TempFiles.deleteTree(dir);
    }
}
