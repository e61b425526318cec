package dev.pipeline.api.contract;

import dev.pipeline.api.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code init.json}, written by the init stage: whether the runtime it wrote was pre-initialised (then the module
 * image is already in its memory and the splicer does not embed it again) and, if so, the engine that ran it and
 * the size of the snapshot ({@code pages} of memory, data {@code segments}, {@code dataBytes}).
 */
public record InitResult(boolean preinitialised, String engine, long pages, long segments, long dataBytes) {
    /** The file's name in the init stage's folder. */
    public static final String FILE = "init.json";

    /** The result of an init strategy that left the runtime as it was. */
    public static InitResult notPreinitialised() {
        return new InitResult(false, null, 0, 0, 0);
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preinitialised", preinitialised);
        if (preinitialised) {
            m.put("engine", engine);
            m.put("pages", pages);
            m.put("segments", segments);
            m.put("data_bytes", dataBytes);
        }
        JsonObject.write(dir, FILE, m);
    }

    /** Reads {@link #FILE} from the init stage's folder {@code dir}. */
    public static InitResult read(Path dir) {
        JsonObject o = JsonObject.of(JsonObject.parse(dir, FILE, "init"), FILE);
        boolean pre = o.bool("preinitialised", false);
        return new InitResult(pre, pre ? o.string("engine") : null, o.number("pages", 0), o.number("segments", 0),
                o.number("data_bytes", 0));
    }
}
