package dev.pipeline.plugins.wizer;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.pipeline.api.image.ModuleImage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * CPython's state after its own start (the runtime's {@code pipeline_start_base}), before anything of the app: the
 * memory, the globals and the build-time clock and random source. That start reads only the modules of a <em>base
 * image</em>, the app image's modules of the names it imports (its {@link #domain}); so one state serves every app
 * image whose modules of those names are the same bytes, and is kept in the user's cache by runtime and base image.
 * Every build goes through {@link #restore} (the first one too), so a build from the cache gives the same bytes.
 */
final class StartedState {
    /**
     * Names CPython's start imports before import attempts can be recorded: the codecs it needs, and the modules it
     * has frozen itself (an image that ships its own copy of one is used for it).
     */
    static final Set<String> START_MODULES = Set.of("encodings", "encodings.aliases", "encodings.utf_8",
            "encodings.utf_8_sig", "encodings.ascii", "encodings.latin_1", "abc", "codecs", "io", "os", "site", "stat",
            "posixpath", "genericpath", "_collections_abc", "_sitebuiltins", "importlib", "importlib._bootstrap",
            "importlib._bootstrap_external", "zipimport");
    private static final int MAGIC = 0x504c5354; // "PLST"

    final byte[] memory;
    final long[] globals;
    final BuildTime time;
    /** The names whose modules made the base image this state started from (set when it is found or made). */
    Set<String> baseNames = Set.of();

    StartedState(byte[] memory, long[] globals, BuildTime time) {
        this.memory = memory;
        this.globals = globals;
        this.time = time;
    }

    /** The state of {@code instance} and its build-time host. */
    static StartedState capture(Instance instance, BuildTime time) {
        Memory m = instance.memory();
        byte[] bytes = m.readBytes(0, m.pages() * Memory.PAGE_SIZE);
        long[] g = new long[instance.globalCount()];
        for (int i = 0; i < g.length; i++) g[i] = instance.global(i).getValue();
        return new StartedState(bytes, g, time.copy());
    }

    /** Puts this state into a fresh instance of the same runtime; returns the build-time host to continue with. */
    BuildTime restore(Instance instance) {
        Memory m = instance.memory();
        int pages = memory.length / Memory.PAGE_SIZE;
        if (m.pages() > pages) throw new IllegalStateException("the started state has less memory than a fresh instance");
        if (m.pages() < pages) m.grow(pages - m.pages());
        m.write(0, memory);
        for (int i = 0; i < globals.length; i++) {
            if (instance.global(i).getValue() != globals[i]) instance.global(i).setValue(globals[i]);
        }
        return time.copy();
    }

    /** The app image's modules named in {@code domain}, as an image of their own (no descriptor, no app module). */
    static byte[] baseImage(ModuleImage app, Set<String> domain) {
        return new ModuleImage(split(app, domain, true), new byte[0], "").encode();
    }

    /** The app image without its modules of the names in {@code domain} (those of its base image). */
    static byte[] withoutBase(ModuleImage app, Set<String> domain) {
        return new ModuleImage(split(app, domain, false), app.descriptor(), app.appModule()).encode();
    }

    private static List<ModuleImage.Module> split(ModuleImage app, Set<String> domain, boolean inDomain) {
        List<ModuleImage.Module> out = new ArrayList<>();
        for (ModuleImage.Module m : app.modules()) if (domain.contains(m.name()) == inDomain) out.add(m);
        return out;
    }

    /** The states kept for one runtime: {@code names.txt} (the domain) and one file per base image. */
    record Store(Path dir) {
        /** The store of {@code runtime} under {@code root}. */
        static Store of(Path root, byte[] runtime) {
            return new Store(root.resolve("init-start").resolve(sha256(runtime).substring(0, 24)));
        }

        /** Whether a start of this runtime was kept before (then {@link #domain} holds the names it tried). */
        boolean knowsNames() {
            return Files.isRegularFile(dir.resolve("names.txt"));
        }

        /** The names the starts of this runtime tried to import, with {@link #START_MODULES}. */
        Set<String> domain() {
            Set<String> out = new TreeSet<>(START_MODULES);
            Path f = dir.resolve("names.txt");
            try {
                if (Files.isRegularFile(f)) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(line.strip());
                }
            } catch (IOException | RuntimeException unreadable) {
                // learnt again by the next start
            }
            return out;
        }

        /** The state for {@code baseImage} made of the app image's modules of the names in {@code domain}, if kept. */
        Optional<StartedState> find(Set<String> domain, byte[] baseImage) {
            Path f = file(dir, domain, baseImage);
            if (!Files.isRegularFile(f)) return Optional.empty();
            try (InputStream in = Files.newInputStream(f)) {
                return Optional.of(read(in));
            } catch (IOException | RuntimeException broken) {
                return Optional.empty(); // a damaged entry is computed again
            }
        }

        /**
         * Keeps {@code state} for {@code baseImage} (the app image's modules of the names in {@code domain}), whose
         * start tried to import no name outside {@code domain}; the domain is part of the key, so that a state is
         * only found through the names it was made with.
         */
        void put(Set<String> domain, byte[] baseImage, StartedState state) throws IOException {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".state-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                state.write(out);
            }
            Files.move(tmp, file(dir, domain, baseImage), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Set<String> all = new TreeSet<>(domain());
            all.addAll(domain);
            Path names = Files.createTempFile(dir, ".names-", ".tmp");
            Files.writeString(names, String.join("\n", all) + "\n", StandardCharsets.UTF_8);
            Files.move(names, dir.resolve("names.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Path file(Path dir, Set<String> domain, byte[] baseImage) {
        byte[] names = (String.join(",", new TreeSet<>(domain)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(names, names.length + baseImage.length);
        System.arraycopy(baseImage, 0, key, names.length, baseImage.length);
        return dir.resolve(sha256(key).substring(0, 32) + ".state");
    }

    private void write(OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeInt(memory.length);
        out.writeInt(globals.length);
        for (long g : globals) out.writeLong(g);
        out.writeLong(time.ticks);
        out.writeLong(time.randomPosition);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(packed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
            z.write(memory);
        }
        out.writeInt(packed.size());
        packed.writeTo(out);
        out.flush();
    }

    private static StartedState read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        if (in.readInt() != MAGIC) throw new IOException("not a started state");
        int size = in.readInt();
        if (size <= 0 || size % Memory.PAGE_SIZE != 0) throw new IOException("bad memory size");
        long[] globals = new long[in.readInt()];
        for (int i = 0; i < globals.length; i++) globals[i] = in.readLong();
        BuildTime time = new BuildTime(in.readLong(), in.readLong());
        byte[] packed = in.readNBytes(in.readInt());
        byte[] memory;
        try (InflaterInputStream z = new InflaterInputStream(new java.io.ByteArrayInputStream(packed))) {
            memory = z.readNBytes(size);
        }
        if (memory.length != size) throw new IOException("truncated memory");
        return new StartedState(memory, globals, time);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names recorded by the runtime ({@code pipeline_base_lookups}): a comma-separated C string. */
    static Set<String> lookups(Instance instance) {
        int at = (int) instance.export("pipeline_base_lookups").apply()[0];
        byte[] bytes = instance.memory().readBytes(at, 8192);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        Set<String> out = new TreeSet<>();
        for (String name : new String(bytes, 0, end, StandardCharsets.UTF_8).split(",")) if (!name.isEmpty()) out.add(name);
        return out;
    }

}
