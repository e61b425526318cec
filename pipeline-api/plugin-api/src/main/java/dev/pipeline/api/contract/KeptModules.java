package dev.pipeline.api.contract;

import dev.pipeline.api.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code modules.json}, written by the packaging stage: every Python module kept in the image, with where it comes
 * from and why it was kept.
 */
public record KeptModules(List<Module> modules) {
    /** The file's name in the packaging stage's folder. */
    public static final String FILE = "modules.json";

    /**
     * One kept module: its dotted {@code name}; whether it is a package; its {@code origin} ({@code app},
     * {@code stdlib}, {@code bindings}); the path it has inside the component ({@code file}); whether it is kept as
     * source rather than bytecode; the {@code reason} it was kept; the source's size and the stored data's size.
     */
    public record Module(String name, boolean isPackage, String origin, String file, boolean isSource, String reason,
                         long sourceSize, long size) {}

    public KeptModules {
        modules = List.copyOf(modules);
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        List<Object> out = new ArrayList<>();
        for (Module m : modules) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("package", m.isPackage());
            o.put("origin", m.origin());
            o.put("file", m.file());
            o.put("source", m.isSource());
            o.put("reason", m.reason());
            o.put("source_size", m.sourceSize());
            o.put("size", m.size());
            out.add(o);
        }
        JsonObject.write(dir, FILE, out);
    }

    /** Reads {@link #FILE} from the packaging stage's folder {@code dir}. */
    public static KeptModules read(Path dir) {
        return fromJson(JsonObject.parse(dir, FILE, "packaging"), FILE);
    }

    /** The modules of a parsed JSON array of module objects ({@code what} names it in errors). */
    public static KeptModules fromJson(Object array, String what) {
        List<Module> out = new ArrayList<>();
        for (JsonObject o : JsonObject.list(array, what)) {
            out.add(new Module(o.string("name"), o.bool("package", false), o.string("origin"), o.string("file"),
                    o.bool("source", false), o.string("reason"), o.number("source_size", 0), o.number("size", 0)));
        }
        return new KeptModules(out);
    }
}
