package dev.pipeline.plugins.extensions;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compiles extension modules for the runtime and makes them linkable together: every global symbol an extension
 * defines that another input (another extension, libpython and its libraries, libc, the glue) also defines is
 * renamed for that extension (a {@code -include}d header of {@code #define}s, so the rename covers every use in
 * its sources), method definitions that would trap are wrapped ({@link SignatureFix}), and the inittab that
 * registers each module under its dotted name is generated. Objects are cached by the hash of their inputs.
 */
final class ExtensionBuilder {
    /** What one module became: its objects, its (possibly renamed) init function, and why things changed. */
    record Built(ModuleSpec spec, List<Path> objects, String initSymbol, Map<String, String> renamed,
                 List<String> fixes) {}

    private final Toolchain tc;
    private final Path cache;
    private final Path runtime;
    private final Path kit;
    private final Progress progress;
    private final java.util.function.Supplier<Path> cython;

    /** @param cython where Cython is (fetched on first use, only when a .pyx source needs it) */
    ExtensionBuilder(Toolchain tc, Path cache, Path runtime, Path kit, Progress progress, java.util.function.Supplier<Path> cython) {
        this.cython = cython;
        this.tc = tc;
        this.cache = cache;
        this.runtime = runtime;
        this.kit = kit;
        this.progress = progress;
    }

    /** Builds every module; {@code work} is a scratch folder. */
    List<Built> build(List<ModuleSpec> specs, Path work) throws IOException {
        // 1. sources as compiled (with wrapped methods), and a first compile without renames
        Map<String, List<Source>> sources = new LinkedHashMap<>();
        Map<String, Map<String, String>> srcSyms = new LinkedHashMap<>();
        Map<String, Map<String, String>> objSyms = new LinkedHashMap<>();
        for (ModuleSpec m : specs) {
            List<Source> list = new ArrayList<>();
            for (Path s : m.sources()) list.add(prepare(m, s));
            sources.put(m.name(), list);
            Map<String, String> defined = new TreeMap<>();
            for (Source s : list) {
                for (String sym : tc.definedSymbols(compileCached(m, s, "")).keySet()) defined.putIfAbsent(sym, s.original.getFileName().toString());
            }
            srcSyms.put(m.name(), defined);
            Map<String, String> objDefined = new TreeMap<>();
            for (Path o : m.objects()) tc.definedSymbols(o).forEach(objDefined::putIfAbsent);
            objSyms.put(m.name(), objDefined);
            if (!defined.containsKey(m.initFunction()) && !objDefined.containsKey(m.initFunction())) {
                throw new PipelineException(m.table().position("name"), "extension module `" + m.name() + "`: its "
                        + (m.objects().isEmpty() ? "sources define" : "sources and objects define") + " no " + m.initFunction(),
                        "CPython initialises `" + m.name() + "` by calling " + m.initFunction()
                                + "(): is `name` right, and are all its sources listed?");
            }
        }
        // 2. collisions: who defines each symbol (renamable: an extension's sources; fixed: the rest)
        Map<String, String> base = baseSymbols();
        Map<String, List<String>> fixedOwners = new TreeMap<>();
        Map<String, List<String>> renamableOwners = new TreeMap<>();
        base.forEach((sym, origin) -> fixedOwners.computeIfAbsent(sym, k -> new ArrayList<>()).add(origin));
        for (ModuleSpec m : specs) {
            for (String sym : objSyms.get(m.name()).keySet()) {
                fixedOwners.computeIfAbsent(sym, k -> new ArrayList<>()).add("the objects of `" + m.name() + "` (" + objSyms.get(m.name()).get(sym) + ")");
            }
            for (String sym : srcSyms.get(m.name()).keySet()) renamableOwners.computeIfAbsent(sym, k -> new ArrayList<>()).add(m.name());
        }
        for (Map.Entry<String, List<String>> e : fixedOwners.entrySet()) {
            List<String> owners = e.getValue();
            long mods = owners.stream().filter(o -> o.startsWith("the objects of")).count();
            if (mods >= 1 && owners.size() >= 2) {
                throw new PipelineException(null, "symbol `" + e.getKey() + "` is defined by both " + owners.get(owners.size() - 1)
                        + " and " + owners.get(0) + ": prebuilt objects cannot be renamed",
                        "build that extension from its sources, or rebuild its objects with the symbol renamed");
            }
        }
        // 3. rename per extension and compile again where needed
        List<Built> out = new ArrayList<>();
        for (ModuleSpec m : specs) {
            Map<String, String> renamed = new TreeMap<>();
            for (String sym : srcSyms.get(m.name()).keySet()) {
                List<String> others = new ArrayList<>();
                for (String o : renamableOwners.getOrDefault(sym, List.of())) if (!o.equals(m.name())) others.add("extension `" + o + "`");
                others.addAll(fixedOwners.getOrDefault(sym, List.of()));
                if (!others.isEmpty()) renamed.put(sym, "also defined by " + String.join(", ", others));
            }
            StringBuilder header = new StringBuilder();
            for (String sym : renamed.keySet()) header.append("#define ").append(sym).append(' ').append(m.symbolPrefix()).append(sym).append('\n');
            List<Path> objects = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            for (Source s : sources.get(m.name())) {
                objects.add(compileCached(m, s, header.toString()));
                for (SignatureFix.Fixed f : s.fixed) {
                    fixes.add(f.function() + " (" + s.original + ":" + f.definitionLine() + ") is " + f.convention() + " but takes "
                            + f.params() + " parameter" + (f.params() == 1 ? "" : "s") + ": registered through a 2-parameter wrapper");
                }
            }
            objects.addAll(m.objects());
            String init = renamed.containsKey(m.initFunction()) ? m.symbolPrefix() + m.initFunction() : m.initFunction();
            out.add(new Built(m, objects, init, renamed, fixes));
        }
        return out;
    }

    /** The C source of the table CPython reads (PyImport_ExtendInittab) to find each module by its dotted name. */
    static String inittab(List<Built> modules) {
        StringBuilder c = new StringBuilder("/* generated: the native extension modules linked into this runtime */\n#include <Python.h>\n");
        for (Built b : modules) c.append("extern PyObject *").append(b.initSymbol()).append("(void);\n");
        c.append("struct _inittab pl_extension_inittab[] = {\n");
        for (Built b : modules) c.append("    {\"").append(b.spec().name()).append("\", ").append(b.initSymbol()).append("},\n");
        c.append("    {NULL, NULL}\n};\n");
        return c.toString();
    }

    /** Compiles generated C (the inittab) into {@code work}. */
    Path compileGenerated(String code, Path work, String name) throws IOException {
        Path c = work.resolve(name + ".c");
        Files.writeString(c, code);
        Path o = work.resolve(name + ".o");
        tc.compile(c, o, tc.baseFlags(), name);
        return o;
    }

    /** A source as it is compiled: the original, or a rewritten copy with its wrapped methods. */
    private record Source(Path original, Path compiled, List<SignatureFix.Fixed> fixed) {}

    private Source prepare(ModuleSpec m, Path src) throws IOException {
        if (src.getFileName().toString().endsWith(".pyx")) return new Source(src, cythonize(m, src), List.of());
        String text = Files.readString(src, StandardCharsets.ISO_8859_1);
        SignatureFix.Result r = SignatureFix.apply(text);
        if (r.fixed().isEmpty()) return new Source(src, src, List.of());
        // the copy keeps the original's name in diagnostics (#line) and its folder for "..." includes (-iquote)
        String body = "#line 1 \"" + src.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n" + r.source();
        Path dir = cache.resolve("src");
        Files.createDirectories(dir);
        Path copy = dir.resolve(hash(List.of(body)) + "-" + src.getFileName());
        if (!Files.isRegularFile(copy)) writeAtomically(copy, body.getBytes(StandardCharsets.ISO_8859_1));
        return new Source(src, copy, r.fixed());
    }

    /** The C file Cython makes of a .pyx (cached by the hash of the .pyx and the Cython declarations beside it). */
    private Path cythonize(ModuleSpec m, Path pyx) throws IOException {
        List<String> key = new ArrayList<>(List.of("cython-3.0.11", m.name(), pyx.toString(), Files.readString(pyx, StandardCharsets.UTF_8)));
        try (Stream<Path> s = Files.walk(pyx.getParent().getParent() == null ? pyx.getParent() : pyx.getParent(), 2)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".pxd") || f.toString().endsWith(".pxi")).sorted().toList()) {
                key.add(p.toString());
                key.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        Path dir = cache.resolve("cython");
        Files.createDirectories(dir);
        String stem = pyx.getFileName().toString().replaceAll("\\.pyx$", "");
        Path c = dir.resolve(hash(key) + "-" + stem + ".c");
        if (Files.isRegularFile(c)) return c;
        progress.status("cython " + m.name() + ": " + pyx.getFileName());
        Path tmp = dir.resolve(hash(key) + "-" + ProcessHandle.current().pid() + "-" + stem + ".c");
        tc.cythonize(kit.resolve("native/bin/python3.13"), cython.get(), pyx, tmp, m.name());
        Files.move(tmp, c, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return c;
    }

    private Path compileCached(ModuleSpec m, Source s, String renameHeader) throws IOException {
        List<String> flags = new ArrayList<>(tc.baseFlags());
        flags.add("-iquote");
        flags.add(s.original.getParent().toString());
        for (Path d : m.includeDirs()) flags.add("-I" + d);
        for (String d : m.defines()) flags.add("-D" + d);
        flags.add("-ffile-prefix-map=" + s.original.getParent() + "=/ext/" + m.name());
        List<String> key = new ArrayList<>(flags);
        key.add("runtime:" + runtime.getFileName());
        key.add(Files.readString(s.compiled, StandardCharsets.ISO_8859_1));
        key.add(s.original.toString());
        key.add(renameHeader);
        for (Path d : m.includeDirs()) key.add(headersOf(d, true));
        key.add(headersOf(s.original.getParent(), false));
        String h = hash(key);
        Path dir = cache.resolve("obj");
        Files.createDirectories(dir);
        Path obj = dir.resolve(h + ".o");
        if (Files.isRegularFile(obj)) return obj;
        if (!renameHeader.isEmpty()) {
            Path hdr = dir.resolve(h + "-renames.h");
            writeAtomically(hdr, renameHeader.getBytes(StandardCharsets.UTF_8));
            flags.add("-include");
            flags.add(hdr.toString());
        }
        progress.status("compiling " + m.name() + ": " + s.original.getFileName() + (renameHeader.isEmpty() ? "" : " (with renamed symbols)"));
        Path tmp = dir.resolve(h + ".o.tmp" + ProcessHandle.current().pid());
        tc.compile(s.compiled, tmp, flags, m.name());
        Files.move(tmp, obj, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return obj;
    }

    /** Every global symbol the runtime's own inputs define (glue, libpython and its libraries, libc, compiler-rt). */
    private Map<String, String> baseSymbols() throws IOException {
        Path file = cache.resolve("base-" + runtime.getFileName() + ".txt");
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0) out.put(line.substring(0, tab), line.substring(tab + 1));
            }
            return out;
        }
        progress.status("listing the symbols of libpython, its libraries and libc");
        List<Path> inputs = new ArrayList<>();
        inputs.addAll(list(runtime.resolve("glue"), ".o"));
        inputs.addAll(list(kit.resolve("lib"), ".a"));
        inputs.addAll(list(kit.resolve("sysroot/lib/wasm32-wasi"), ".a"));
        inputs.add(kit.resolve("sysroot/lib/wasm32-wasi/crt1-reactor.o"));
        inputs.addAll(list(kit.resolve("clang-rt"), ".a"));
        for (Path p : inputs) if (Files.isRegularFile(p)) tc.definedSymbols(p).forEach(out::putIfAbsent);
        StringBuilder b = new StringBuilder();
        out.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        writeAtomically(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String headersOf(Path dir, boolean recursive) throws IOException {
        if (!Files.isDirectory(dir)) return "";
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".h") && Files.isRegularFile(f)).sorted().toList()) {
                b.append(dir.relativize(p)).append('\n').append(hash(List.of(Files.readString(p, StandardCharsets.ISO_8859_1)))).append('\n');
            }
        }
        return b.toString();
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent()); // a fresh cache folder has none yet
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(List<String> parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                d.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(b);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
