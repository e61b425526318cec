package dev.pipeline.api.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files and folders of this process: named with an owner tag ({@code host.pid.millis.random}) so that a
 * later run can tell a dead run's leftovers from a live run's work, and removed on every exit path — normal,
 * error, SIGTERM and SIGINT (through a shutdown hook). Only {@code kill -9} leaves them; the next run removes them.
 */
public final class TempFiles {
    /** Longer than any plausible build: a temporary whose owner cannot be checked is removed after this. */
    public static final Duration STALE = Duration.ofHours(12);

    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TAG = Pattern.compile("([A-Za-z0-9-]+)\\.(\\d+)\\.(\\d+)\\.([0-9a-f]{8})");
    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;
    private static boolean exiting;

    /**
     * Fault injection for tests: {@code -Dpipeline.test.crash=STEP} (optionally {@code -Dpipeline.test.crash.stage=S})
     * halts the JVM at that step, as {@code kill -9} would: no shutdown hook runs.
     */
    private static final String CRASH = System.getProperty("pipeline.test.crash", "");
    private static final String CRASH_STAGE = System.getProperty("pipeline.test.crash.stage", "");

    private TempFiles() {}

    /**
     * Halts here if a test asked for a crash at {@code step} (of {@code stage}, when it named one).
     *
     * @param step the name of this point
     * @param stage the stage being run, or an empty string
     */
    public static void crashPoint(String step, String stage) {
        if (CRASH.equals(step) && (CRASH_STAGE.isEmpty() || CRASH_STAGE.equals(stage))) Runtime.getRuntime().halt(137);
    }

    /**
     * A fresh owner tag for a temporary name.
     *
     * @return {@code host.pid.millis.random}
     */
    public static String tag() {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        return HOST + "." + PID + "." + System.currentTimeMillis() + "." + HexFormat.of().formatHex(r);
    }

    /**
     * Removes {@code path} (file or folder tree) when the process exits, unless {@link #release}d first. Call it
     * before creating the path: once the process is shutting down it refuses, so nothing is created after the clean-up.
     *
     * @param path the file or folder to remove at exit
     */
    public static synchronized void register(Path path) {
        if (exiting) throw new IllegalStateException("the process is shutting down");
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removeAll, "pipeline-temp-cleanup"));
            hookInstalled = true;
        }
        LIVE.add(path.toAbsolutePath());
    }

    /**
     * Forgets a path: it was renamed into place or already removed.
     *
     * @param path a registered path
     */
    public static synchronized void release(Path path) {
        LIVE.remove(path.toAbsolutePath());
    }

    /**
     * Removes a registered path now and forgets it.
     *
     * @param path a registered path
     */
    public static void remove(Path path) {
        release(path);
        deleteQuietly(path);
    }

    private static void removeAll() {
        Set<Path> paths;
        synchronized (TempFiles.class) {
            exiting = true;
            paths = new LinkedHashSet<>(LIVE);
            LIVE.clear();
        }
        for (Path p : paths) {
            // the build's own thread may still be writing into a folder: retry until it is gone
            for (int i = 0; i < 20 && Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
                deleteQuietly(p);
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Whether a temporary name carrying an owner tag belongs to a run that is over: its process is gone (same host),
     * or it is older than {@link #STALE}. A name without a tag is judged by {@code modifiedMillis} alone.
     *
     * @param name the file's name
     * @param modifiedMillis its last-modified time
     * @return true when it may be removed
     */
    public static boolean isStale(String name, long modifiedMillis) {
        long now = System.currentTimeMillis();
        Optional<Owner> owner = owner(name);
        if (owner.isEmpty()) return now - modifiedMillis > STALE.toMillis();
        Owner o = owner.get();
        if (o.host().equals(HOST) && o.pid() != PID && ProcessHandle.of(o.pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
            return true;
        }
        return now - o.millis() > STALE.toMillis();
    }

    /**
     * Whether a tagged name was made by this process.
     *
     * @param name the file's name
     * @return true when its tag names this process
     */
    public static boolean isOurs(String name) {
        return owner(name).map(o -> o.host().equals(HOST) && o.pid() == PID).orElse(false);
    }

    private record Owner(String host, long pid, long millis) {}

    private static Optional<Owner> owner(String name) {
        Matcher m = TAG.matcher(name);
        Owner found = null;
        while (m.find()) {
            try {
                found = new Owner(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            } catch (NumberFormatException e) {
                // not a tag
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Removes a file or folder tree, ignoring what is already gone; never follows symbolic links.
     *
     * @param dir the file or folder
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // removed meanwhile
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #deleteTree}, reporting nothing: for clean-up paths that must not hide the original error.
     *
     * @param path the file or folder
     */
    public static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                h = "host";
            }
        }
        h = h.strip().replaceAll("[^A-Za-z0-9-]", "-");
        return h.isEmpty() ? "host" : h;
    }
}
