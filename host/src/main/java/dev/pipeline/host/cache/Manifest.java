package dev.pipeline.host.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code .manifest} of a cache object: one line per folder ({@code d PATH}) and per file
 * ({@code f SHA256 SIZE PATH}) in sorted order, then {@code end N}. It is written last; an object is used only when
 * its files match it exactly, and the object is named by the manifest's own hash.
 */
final class Manifest {
    static final String NAME = ".manifest";
    private static final String HEADER = "pipeline-cache-manifest 1";

    private Manifest() {}

    /** Syncs every file of {@code dir}, writes and syncs its manifest, syncs the folders; returns the content name. */
    static String write(Path dir) throws IOException {
        String text = describe(dir, true);
        writeSynced(dir.resolve(NAME), text.getBytes(StandardCharsets.UTF_8));
        syncDir(dir);
        return contentName(text);
    }

    /** Why {@code dir} does not match its manifest (or is not named after it), or empty when it does. */
    static Optional<String> verify(Path dir, String expectedName) {
        String recorded;
        try {
            recorded = Files.readString(dir.resolve(NAME), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.of("its manifest is missing or unreadable");
        }
        if (!recorded.startsWith(HEADER + "\n") || !recorded.contains("\nend ")) return Optional.of("its manifest is incomplete");
        if (!contentName(recorded).equals(expectedName)) return Optional.of("its manifest does not match its name");
        String actual;
        try {
            actual = describe(dir, false);
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot read it: " + e.getMessage());
        }
        if (actual.equals(recorded)) return Optional.empty();
        return Optional.of(firstDifference(recorded, actual));
    }

    private static String firstDifference(String recorded, String actual) {
        List<String> want = recorded.lines().toList();
        List<String> have = actual.lines().toList();
        for (String line : want) {
            if (!have.contains(line) && !line.startsWith("end ")) {
                String path = line.substring(line.lastIndexOf(' ') + 1);
                boolean present = have.stream().anyMatch(l -> l.endsWith(" " + path));
                return (present ? "changed: " : "missing: ") + unescape(path);
            }
        }
        for (String line : have) {
            if (!want.contains(line) && !line.startsWith("end ")) return "unexpected file: " + unescape(line.substring(line.lastIndexOf(' ') + 1));
        }
        return "its files do not match its manifest";
    }

    /** The manifest text of a folder's current contents (without the manifest itself). */
    private static String describe(Path dir, boolean sync) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.filter(p -> !p.equals(dir) && !p.equals(dir.resolve(NAME))).sorted().toList();
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        int n = 0;
        List<Path> dirs = new ArrayList<>();
        for (Path p : all) {
            String rel = escape(dir.relativize(p).toString().replace('\\', '/'));
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                sb.append("d ").append(rel).append('\n');
                dirs.add(p);
            } else {
                if (sync) sync(p);
                long[] size = {0};
                String hash = sha256(p, size);
                sb.append("f ").append(hash).append(' ').append(size[0]).append(' ').append(rel).append('\n');
            }
            n++;
        }
        if (sync) for (Path d : dirs) syncDir(d);
        return sb.append("end ").append(n).append('\n').toString();
    }

    private static String escape(String path) {
        return path.replace("%", "%25").replace(" ", "%20").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String path) {
        return path.replace("%0D", "\r").replace("%0A", "\n").replace("%20", " ").replace("%25", "%");
    }

    private static String contentName(String manifest) {
        return HexFormat.of().formatHex(digest().digest(manifest.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    private static String sha256(Path file, long[] size) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
                size[0] += r;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file and forces it to disk. */
    static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Forces a folder's entries to disk (where the file system allows opening a folder). */
    static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here: the rename is still atomic, only its durability after a power loss is weaker
        }
    }
}
