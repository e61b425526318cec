package dev.pipeline.api.contract;

import dev.pipeline.api.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wit.json}, written by the bindings stage: the world the build uses, by its full name
 * ({@code ns:pkg/world@version}), and the WIT features it was resolved with, so later stages resolve the same world.
 */
public record SelectedWorld(String world, List<String> features, boolean allFeatures) {
    /** The file's name in the bindings stage's folder. */
    public static final String FILE = "wit.json";

    public SelectedWorld {
        features = List.copyOf(features);
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("world", world);
        m.put("features", features);
        m.put("all_features", allFeatures);
        JsonObject.write(dir, FILE, m);
    }

    /** Reads {@link #FILE} from the bindings stage's folder {@code dir}. */
    public static SelectedWorld read(Path dir) {
        JsonObject o = JsonObject.of(JsonObject.parse(dir, FILE, "bindings"), FILE);
        return new SelectedWorld(o.string("world"), o.strings("features"), o.bool("all_features", false));
    }
}
