package dev.pipeline.api.config;

import dev.pipeline.api.diag.SourcePosition;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A validated stage config table: every key the schema names, with defaults filled in. */
public final class ConfigTable {
    private final String name;
    private final Map<String, Object> values;
    private final SourcePosition position;
    private final Map<String, SourcePosition> positions;

    public ConfigTable(String name, Map<String, Object> values) {
        this(name, values, null, Map.of());
    }

    /** @param position where the table was written; @param positions where each key given in the recipe was written */
    public ConfigTable(String name, Map<String, Object> values, SourcePosition position, Map<String, SourcePosition> positions) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.position = position;
        this.positions = Collections.unmodifiableMap(positions);
    }

    public String name() { return name; }

    /** Where the table was written, or null when it was not read from a file. */
    public SourcePosition position() { return position; }

    /** Where {@code key}'s value was written (falling back to the table's position), or null. */
    public SourcePosition position(String key) { return positions.getOrDefault(key, position); }

    /** True when the recipe gave this key (rather than the default applying). */
    public boolean has(String key) { return positions.containsKey(key); }

    /** A TABLE_LIST value: the validated tables, in recipe order. */
    @SuppressWarnings("unchecked")
    public List<ConfigTable> tables(String key) {
        Object v = values.get(key);
        return v == null ? List.of() : (List<ConfigTable>) v;
    }

    public String string(String key) { return (String) values.get(key); }

    public long integer(String key) { return (Long) values.get(key); }

    public boolean bool(String key) { return (Boolean) values.get(key); }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String key) {
        Object v = values.get(key);
        return v == null ? List.of() : (List<String>) v;
    }

    public Map<String, Object> asMap() { return values; }

    /** A stable text form (sorted keys), used in cache keys. */
    public String canonical() {
        return new TreeMap<>(values).toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
