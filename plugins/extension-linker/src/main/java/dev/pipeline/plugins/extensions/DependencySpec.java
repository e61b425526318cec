package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.PipelineException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code [[stages.extensions.component]]} table: a prebuilt component, or C sources with the WIT they export. */
record DependencySpec(Path path, Path wit, String world, List<Path> sources, List<Path> includeDirs, List<String> defines,
                      ConfigTable table) {

    /** A short name for files and messages: the component's or the WIT's file name without extension. */
    String label() {
        if (path == null && world != null) return world.replaceAll("[^A-Za-z0-9_-]", "_");
        String f = (path != null ? path : wit).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return (dot > 0 ? f.substring(0, dot) : f).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    String describe() {
        return path != null ? path.toString() : wit + (world == null ? "" : " world " + world) + " + " + sources.size() + " C file(s)";
    }

    /** Reads and checks the tables; every path is resolved against {@code base} and must exist. */
    static List<DependencySpec> parse(List<ConfigTable> tables, Path base) {
        List<DependencySpec> out = new ArrayList<>();
        if (tables.isEmpty()) {
            throw new PipelineException(null, "extensions = \"component\" needs at least one [[stages.extensions.component]] table",
                    "path = \"deps/lib.wasm\", or wit = \"deps/lib.wit\" with sources = [\"lib.c\"]");
        }
        for (ConfigTable t : tables) {
            String path = t.string("path");
            String wit = t.string("wit");
            List<String> sources = t.stringList("sources");
            if (path != null && (wit != null || !sources.isEmpty())) {
                throw new PipelineException(t.position("path"), "[[" + t.name() + "]] has both `path` and `wit`/`sources`",
                        "a prebuilt component (path) or C sources with their WIT (wit, sources), not both");
            }
            if (path == null && (wit == null || sources.isEmpty())) {
                throw new PipelineException(t.position(), "[[" + t.name() + "]] needs `path`, or `wit` and `sources`",
                        "path = \"deps/lib.wasm\", or wit = \"deps/lib.wit\" with sources = [\"lib.c\", \"glue.c\"]");
            }
            Path p = path == null ? null : existing(t, "path", base.resolve(path).normalize(), false);
            Path w = wit == null ? null : base.resolve(wit).normalize();
            if (w != null && !Files.exists(w)) {
                throw new PipelineException(t.position("wit"), "`wit` of [[" + t.name() + "]]: no file or folder " + w,
                        "paths are relative to the recipe's folder");
            }
            List<Path> srcs = new ArrayList<>();
            for (String s : sources) {
                Path f = existing(t, "sources", base.resolve(s).normalize(), false);
                if (!f.getFileName().toString().endsWith(".c")) {
                    throw new PipelineException(t.position("sources"), "`sources`: " + f + " is not a .c file", null);
                }
                srcs.add(f);
            }
            List<Path> inc = new ArrayList<>();
            for (String s : t.stringList("include-dirs")) inc.add(existing(t, "include-dirs", base.resolve(s).normalize(), true));
            out.add(new DependencySpec(p, w, t.string("world"), srcs, inc, t.stringList("defines"), t));
        }
        return out;
    }

    private static Path existing(ConfigTable t, String key, Path p, boolean dir) {
        if (dir ? Files.isDirectory(p) : Files.isRegularFile(p)) return p;
        throw new PipelineException(t.position(key), "`" + key + "` of [[" + t.name() + "]]: " + (dir ? "no folder " : "no file ") + p,
                "paths are relative to the recipe's folder");
    }

    /** Every path the tables name (for the stage's cache key). */
    static List<Path> inputs(List<ConfigTable> tables, Path base) {
        List<Path> out = new ArrayList<>();
        for (ConfigTable t : tables) {
            for (String key : List.of("path", "wit")) if (t.string(key) != null) out.add(base.resolve(t.string(key)).normalize());
            for (String key : List.of("sources", "include-dirs")) {
                for (String s : t.stringList(key)) out.add(base.resolve(s).normalize());
            }
        }
        return out;
    }
}
