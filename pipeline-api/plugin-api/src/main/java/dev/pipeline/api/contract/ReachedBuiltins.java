package dev.pipeline.api.contract;

import dev.pipeline.api.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code builtins.json}, written by the packaging stage: the built-in C modules of the runtime that the app's import
 * graph reaches, each with the reason (the extensions stage may leave the others out).
 */
public record ReachedBuiltins(List<Builtin> builtins) {
    /** The file's name in the packaging stage's folder. */
    public static final String FILE = "builtins.json";

    /** A built-in module and why it is reached (e.g. {@code "imported by json.decoder"}). */
    public record Builtin(String module, String reason) {}

    public ReachedBuiltins {
        builtins = List.copyOf(builtins);
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        List<Object> out = new ArrayList<>();
        for (Builtin b : builtins) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("module", b.module());
            o.put("reason", b.reason());
            out.add(o);
        }
        JsonObject.write(dir, FILE, out);
    }

    /** Reads {@link #FILE} from the packaging stage's folder {@code dir}. */
    public static ReachedBuiltins read(Path dir) {
        return fromJson(JsonObject.parse(dir, FILE, "packaging"), FILE);
    }

    /** The built-ins of a parsed JSON array of {@code {"module", "reason"}} objects. */
    public static ReachedBuiltins fromJson(Object array, String what) {
        List<Builtin> out = new ArrayList<>();
        for (JsonObject o : JsonObject.list(array, what)) out.add(new Builtin(o.string("module"), o.string("reason")));
        return new ReachedBuiltins(out);
    }
}
