package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One {@code [[stages.extensions.module]]} table: a native extension module, its sources and flags. */
record ModuleSpec(String name, List<Path> sources, List<Path> includeDirs, List<String> defines, List<Path> objects,
                  ConfigTable table) {

    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** The last part of the dotted name: CPython looks for {@code PyInit_<leaf>}. */
    String leaf() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The init function's name before any renaming. */
    String initFunction() {
        return "PyInit_" + leaf();
    }

    /** A C identifier made from the dotted name, unique per module: the prefix of its renamed symbols. */
    String symbolPrefix() {
        return "plx_" + name.replace("_", "_u").replace('.', '_') + "_";
    }

    /** Reads and checks the tables; every path is resolved against {@code base} and must exist. */
    static List<ModuleSpec> parse(List<ConfigTable> tables, Path base) {
        List<ModuleSpec> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigTable t : tables) {
            String name = t.string("name");
            if (name == null || name.isBlank()) {
                throw new PipelineException(t.position(), "[[" + t.name() + "]] needs `name`",
                        "name = \"package.module\": the dotted name Python imports");
            }
            if (!DOTTED.matcher(name).matches()) {
                throw new PipelineException(t.position("name"), "`name` in [[" + t.name() + "]] is not a dotted module name: \""
                        + name + "\"", "e.g. name = \"markupsafe._speedups\"");
            }
            if (!names.add(name)) {
                throw new PipelineException(t.position("name"), "extension module `" + name + "` is listed twice", null);
            }
            List<Path> sources = files(t, "sources", base, false);
            List<Path> objects = files(t, "objects", base, false);
            if (sources.isEmpty() && objects.isEmpty()) {
                throw new PipelineException(t.position(), "extension module `" + name + "` has no `sources` and no `objects`",
                        "sources = [\"path/to/module.c\"] (relative to the recipe), or objects = [\"lib/libfoo.a\"]");
            }
            for (Path s : sources) {
                String f = s.getFileName().toString();
                if (!f.endsWith(".c") && !f.endsWith(".pyx")) {
                    throw new PipelineException(t.position("sources"), "`sources` of `" + name + "`: " + s
                            + " is not a .c or .pyx file", "compiled objects and archives go in `objects`");
                }
            }
            for (Path o : objects) {
                String f = o.getFileName().toString();
                if (!f.endsWith(".o") && !f.endsWith(".a")) {
                    throw new PipelineException(t.position("objects"), "`objects` of `" + name + "`: " + o
                            + " is not a .o or .a file", "objects holds wasm32-wasi objects and archives");
                }
            }
            out.add(new ModuleSpec(name, sources, files(t, "include-dirs", base, true), t.stringList("defines"), objects, t));
        }
        return out;
    }

    /** Every path a table names (for the stage's cache key), existing or not. */
    static List<Path> inputs(List<ConfigTable> tables, Path base) {
        List<Path> out = new ArrayList<>();
        for (ConfigTable t : tables) {
            for (String key : List.of("sources", "include-dirs", "objects")) {
                for (String s : t.stringList(key)) out.add(base.resolve(s).normalize());
            }
        }
        return out;
    }

    private static List<Path> files(ConfigTable t, String key, Path base, boolean dirs) {
        List<Path> out = new ArrayList<>();
        for (String s : t.stringList(key)) {
            Path p = base.resolve(s).normalize();
            boolean ok = dirs ? Files.isDirectory(p) : Files.isRegularFile(p);
            if (!ok) {
                SourcePosition at = t.position(key);
                throw new PipelineException(at, "`" + key + "` of extension module `" + t.string("name") + "`: "
                        + (dirs ? "no folder " : "no file ") + p, "paths are relative to the recipe's folder");
            }
            out.add(p);
        }
        return out;
    }
}
