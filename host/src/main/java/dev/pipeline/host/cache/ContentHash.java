package dev.pipeline.host.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** SHA-256 over strings, files and folder trees (relative paths and bytes, in sorted order). */
public final class ContentHash {
    private final MessageDigest digest;

    public ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ContentHash add(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        addLength(b.length);
        digest.update(b);
        return this;
    }

    /** Adds a file or a whole folder; {@code include} filters the files of a folder by path. */
    public ContentHash addTree(Path root, Predicate<Path> include) {
        add("tree:" + root.getFileName());
        if (!Files.exists(root)) return add("<missing>");
        if (Files.isRegularFile(root)) return addFile(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(include).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            add(root.relativize(f).toString().replace('\\', '/'));
            addFile(f);
        }
        return this;
    }

    /** Adds a file's size and bytes, read in blocks (a file of any size hashes in constant memory). */
    public ContentHash addFile(Path f) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ)) {
            addLength(ch.size());
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) > 0 || buf.position() > 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void addLength(long n) {
        for (int i = 0; i < 8; i++) digest.update((byte) (n >>> (8 * i)));
    }

    /** The first 20 hex digits of the digest: enough to name cache folders. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
    }
}
