package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.ReachedBuiltins;
import dev.pipeline.api.diag.PipelineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leaves out of the runtime the built-in C modules the app's import DAG does not reach: a generated
 * {@code _PyImport_Inittab} that lists only the kept modules replaces libpython's own (Modules/config.o), so the
 * linker drops the left-out modules' code and the libraries only they use (sqlite3, lzma, bz2, zlib, expat, mpdec,
 * the CJK codecs, unicodedata, ...).
 */
final class BuiltinTrim {
    /**
     * Built-in modules CPython, the runtime glue and the frozen stdlib modules import while starting (found by
     * listing the built-ins in sys.modules after pipeline_init of an app that imports nothing), kept always.
     */
    static final Set<String> CORE = Set.of("builtins", "sys", "_imp", "_warnings", "marshal", "_io", "posix", "_thread",
            "_weakref", "_abc", "_codecs", "_signal", "_stat", "time", "errno", "_functools", "_collections", "itertools",
            "_operator", "_sre", "_string", "_tokenize", "_typing", "_contextvars", "_tracemalloc", "faulthandler",
            "atexit", "gc", "_suggestions", "_sysconfig", "_pipeline_rt");
    /** One entry of libpython's inittab: module name and init function (null for builtins and sys). */
    record Entry(String module, String init) {}

    private BuiltinTrim() {}

    /** The kit's inittab, read from the undefined PyInit references of libpython's Modules/config.o. */
    static List<Entry> kitInittab(Toolchain tc, Path kit, Path cacheFile) throws IOException {
        if (Files.isRegularFile(cacheFile)) {
            List<Entry> out = new ArrayList<>();
            for (String line : Files.readAllLines(cacheFile)) {
                String[] p = line.split("\t");
                if (p.length == 2) out.add(new Entry(p[0], p[1].equals("-") ? null : p[1]));
            }
            return out;
        }
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("builtins", null));
        out.add(new Entry("sys", null));
        for (String sym : tc.undefinedSymbols(kit.resolve("lib/libpython3.13.a"), "config.o")) {
            if (sym.startsWith("PyInit_")) out.add(new Entry(sym.substring("PyInit_".length()), sym));
            else if (sym.equals("PyMarshal_Init")) out.add(new Entry("marshal", sym));
            else if (sym.equals("_PyWarnings_Init")) out.add(new Entry("_warnings", sym));
        }
        if (out.size() < 20) throw new PipelineException("cannot read the built-in modules of the kit's libpython (config.o)");
        StringBuilder b = new StringBuilder();
        for (Entry e : out) b.append(e.module()).append('\t').append(e.init() == null ? "-" : e.init()).append('\n');
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, b.toString());
        return out;
    }

    /** The built-ins the packaging stage found reachable (its builtins.json), by name with the reason. */
    static Map<String, String> reached(Path packagingOutput) throws IOException {
        if (!Files.isRegularFile(packagingOutput.resolve(ReachedBuiltins.FILE))) {
            throw new PipelineException(null, "the packaging stage wrote no builtins.json, needed to leave out unused built-in modules",
                    "set builtins = \"all\" in [stages.extensions], or use a packaging strategy that writes it");
        }
        Map<String, String> out = new TreeMap<>();
        for (ReachedBuiltins.Builtin b : ReachedBuiltins.read(packagingOutput).builtins()) out.put(b.module(), b.reason());
        return out;
    }

    /** The modules to keep, each with why (what built-ins import from C is already in the packaging stage's DAG). */
    static Map<String, String> keep(List<Entry> all, Map<String, String> reached) {
        Map<String, String> keep = new LinkedHashMap<>();
        for (Entry e : all) if (CORE.contains(e.module())) keep.put(e.module(), "needed to start");
        for (Map.Entry<String, String> r : reached.entrySet()) keep.putIfAbsent(r.getKey(), r.getValue());
        return keep;
    }

    /** C source defining {@code _PyImport_Inittab} with the kept entries, and the names of the left-out ones. */
    static String inittab(List<Entry> all, Set<String> keep) {
        StringBuilder c = new StringBuilder("/* generated: the built-in modules kept in this runtime */\n#include <Python.h>\n");
        for (Entry e : all) if (e.init() != null && keep.contains(e.module())) c.append("extern PyObject *").append(e.init()).append("(void);\n");
        c.append("struct _inittab _PyImport_Inittab[] = {\n");
        for (Entry e : all) {
            if (keep.contains(e.module())) c.append("    {\"").append(e.module()).append("\", ").append(e.init() == null ? "NULL" : e.init()).append("},\n");
        }
        c.append("    {0, 0}\n};\n");
        List<String> left = new ArrayList<>();
        for (Entry e : all) if (!keep.contains(e.module())) left.add(e.module());
        c.append("/* read by the runtime to explain a ModuleNotFoundError */\nconst char pl_trimmed_builtins[] = \"")
                .append(String.join(",", left)).append("\";\n");
        return c.toString();
    }
}
