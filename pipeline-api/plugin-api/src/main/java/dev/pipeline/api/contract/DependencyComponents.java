package dev.pipeline.api.contract;

import dev.pipeline.api.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code components.json}, written by the extensions stage when dependencies are separate components
 * ({@code extensions = "component"}): each component file, relative to the stage's folder, with where it came from;
 * the host composes the app component with them.
 */
public record DependencyComponents(List<Dependency> components) {
    /** The file's name in the extensions stage's folder. */
    public static final String FILE = "components.json";

    /** One dependency component: its {@code file} in the stage's folder, what it was made {@code from}, its size. */
    public record Dependency(String file, String from, long bytes) {}

    /** The record over an immutable copy of {@code components}. */
    public DependencyComponents {
        components = List.copyOf(components);
    }

    /** True when {@code dir} (the extensions stage's folder) holds {@link #FILE}. */
    public static boolean presentIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        List<Object> out = new ArrayList<>();
        for (Dependency d : components) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", d.file());
            o.put("from", d.from());
            o.put("bytes", d.bytes());
            out.add(o);
        }
        JsonObject.write(dir, FILE, out);
    }

    /** Reads {@link #FILE} from the extensions stage's folder {@code dir}. */
    public static DependencyComponents read(Path dir) {
        List<Dependency> out = new ArrayList<>();
        for (JsonObject o : JsonObject.list(JsonObject.parse(dir, FILE, "extensions"), FILE)) {
            out.add(new Dependency(o.string("file"), o.string("from"), o.number("bytes", 0)));
        }
        return new DependencyComponents(out);
    }
}
