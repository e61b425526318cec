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

    /**
     * A table that was not read from a file (no positions).
     *
     * @param name the table's dotted name, e.g. {@code stages.init}
     * @param values the values by key (String, Boolean, Long, List of String, List of ConfigTable)
     */
    public ConfigTable(String name, Map<String, Object> values) {
        this(name, values, null, Map.of());
    }

    /**
     * A table read from a recipe.
     *
     * @param name the table's dotted name, e.g. {@code stages.init}
     * @param values the values by key (String, Boolean, Long, List of String, List of ConfigTable)
     * @param position where the table was written, or null
     * @param positions where each key given in the recipe was written
     */
    public ConfigTable(String name, Map<String, Object> values, SourcePosition position, Map<String, SourcePosition> positions) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.position = position;
        this.positions = Collections.unmodifiableMap(positions);
    }

    /**
     * The table's dotted name, e.g. {@code stages.init}, for messages.
     *
     * @return the name
     */
    public String name() { return name; }

    /**
     * Where the table was written.
     *
     * @return the position, or null when it was not read from a file
     */
    public SourcePosition position() { return position; }

    /**
     * Where {@code key}'s value was written, for an error about the value: {@code new PipelineException(
     * config.position("level"), "level 7 needs ...", hint)}.
     *
     * @param key a key of the schema
     * @return its position, else the table's, else null
     */
    public SourcePosition position(String key) { return positions.getOrDefault(key, position); }

    /**
     * Whether the recipe gave this key (rather than the default applying).
     *
     * @param key a key of the schema
     * @return true when it was written in the recipe
     */
    public boolean has(String key) { return positions.containsKey(key); }

    /**
     * A TABLE_LIST value ({@code [[stages.x.key]]}): the validated tables, in recipe order.
     *
     * @param key a TABLE_LIST key of the schema
     * @return the tables; empty when none was given
     */
    @SuppressWarnings("unchecked")
    public List<ConfigTable> tables(String key) {
        Object v = values.get(key);
        return v == null ? List.of() : (List<ConfigTable>) v;
    }

    /**
     * A STRING value.
     *
     * @param key a STRING key of the schema
     * @return the value, or the default (null when the key has no default)
     */
    public String string(String key) { return (String) values.get(key); }

    /**
     * An INTEGER value, within the schema's range.
     *
     * @param key an INTEGER key of the schema
     * @return the value or the default
     */
    public long integer(String key) { return (Long) values.get(key); }

    /**
     * A BOOLEAN value.
     *
     * @param key a BOOLEAN key of the schema
     * @return the value or the default
     */
    public boolean bool(String key) { return (Boolean) values.get(key); }

    /**
     * A STRING_LIST value.
     *
     * @param key a STRING_LIST key of the schema
     * @return the strings in recipe order; empty when the key was not given
     */
    @SuppressWarnings("unchecked")
    public List<String> stringList(String key) {
        Object v = values.get(key);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * Every value by key, defaults included (unmodifiable).
     *
     * @return the values
     */
    public Map<String, Object> asMap() { return values; }

    /**
     * A stable text form (sorted keys), used in cache keys.
     *
     * @return the text
     */
    public String canonical() {
        return new TreeMap<>(values).toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
