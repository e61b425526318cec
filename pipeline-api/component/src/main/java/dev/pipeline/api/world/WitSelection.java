package dev.pipeline.api.world;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.json.JsonReader;
import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The world a build uses and the WIT features it was resolved with, written by the bindings stage as
 * {@code wit.json} so that later stages resolve exactly the same world.
 */
public record WitSelection(String world, List<String> features, boolean allFeatures) {

    /** The JSON text of a selection. */
    public static String json(String world, List<String> features, boolean allFeatures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("world", world);
        m.put("features", features);
        m.put("all_features", allFeatures);
        return JsonWriter.write(m);
    }

    /** Reads {@code wit.json} from the bindings stage's folder. */
    @SuppressWarnings("unchecked")
    public static WitSelection read(Path bindingsOutput) {
        Path f = bindingsOutput.resolve("wit.json");
        if (!Files.isRegularFile(f)) throw new PipelineException("the bindings stage wrote no wit.json (see docs/stage-contracts.md)");
        try {
            Map<String, Object> m = (Map<String, Object>) JsonReader.parse(Files.readString(f));
            return new WitSelection((String) m.get("world"), (List<String>) m.get("features"), Boolean.TRUE.equals(m.get("all_features")));
        } catch (IOException e) {
            throw new PipelineException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** Loads the app's WIT with these features and returns the selected world's view. */
    public WorldView load(AppSpec app) {
        Resolve resolve = WitLoader.load(app.wit(), Set.copyOf(features), allFeatures);
        return new WorldView(resolve, resolve.selectWorld(world));
    }
}
