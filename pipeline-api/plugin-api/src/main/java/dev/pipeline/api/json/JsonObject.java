package dev.pipeline.api.json;

import dev.pipeline.api.diag.PipelineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed access to the fields of one parsed JSON object read from a file; a missing or mistyped field names the file. */
public final class JsonObject {
    private final Map<?, ?> fields;
    private final String file;

    private JsonObject(Map<?, ?> fields, String file) {
        this.fields = fields;
        this.file = file;
    }

    /** Parses {@code dir/name}; a missing file is an error naming the {@code writer} stage that should have written it. */
    public static Object parse(Path dir, String name, String writer) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new PipelineException("the " + writer + " stage wrote no " + name + " (see docs/stage-contracts.md)");
        }
        try {
            return JsonReader.parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PipelineException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** Writes {@code value} as JSON (and a newline) to {@code dir/name}. */
    public static void write(Path dir, String name, Object value) {
        try {
            Files.writeString(dir.resolve(name), JsonWriter.write(value) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineException("cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }

    /** {@code value} as an object; anything else is an error naming {@code file}. */
    public static JsonObject of(Object value, String file) {
        if (!(value instanceof Map<?, ?> m)) throw new PipelineException(file + ": expected a JSON object");
        return new JsonObject(m, file);
    }

    /** {@code value} as an array of objects; anything else is an error naming {@code file}. */
    public static List<JsonObject> list(Object value, String file) {
        if (!(value instanceof List<?> l)) throw new PipelineException(file + ": expected a JSON array");
        List<JsonObject> out = new ArrayList<>();
        for (Object o : l) out.add(of(o, file));
        return out;
    }

    /** The string field {@code key}; missing or not a string is an error. */
    public String string(String key) {
        Object v = fields.get(key);
        if (!(v instanceof String s)) throw wrong(key, "a string");
        return s;
    }

    /** The boolean field {@code key}, or {@code absent} when it is missing. */
    public boolean bool(String key, boolean absent) {
        Object v = fields.get(key);
        if (v == null) return absent;
        if (!(v instanceof Boolean b)) throw wrong(key, "true or false");
        return b;
    }

    /** The integer field {@code key}, or {@code absent} when it is missing. */
    public long number(String key, long absent) {
        Object v = fields.get(key);
        if (v == null) return absent;
        if (!(v instanceof Number n)) throw wrong(key, "a number");
        return n.longValue();
    }

    /** The string-array field {@code key}; an empty list when it is missing. */
    public List<String> strings(String key) {
        Object v = fields.get(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw wrong(key, "an array of strings");
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) throw wrong(key, "an array of strings");
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The field {@code key} as parsed ({@link JsonReader}'s types), or null. */
    public Object raw(String key) {
        return fields.get(key);
    }

    private PipelineException wrong(String key, String what) {
        return new PipelineException(file + ": field \"" + key + "\" should be " + what);
    }
}
