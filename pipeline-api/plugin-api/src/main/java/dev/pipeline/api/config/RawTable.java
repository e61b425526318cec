package dev.pipeline.api.config;

import dev.pipeline.api.diag.SourcePosition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recipe table as written (keys in file order), with the position of the table header. */
public final class RawTable {
    private final String name;
    private final SourcePosition position;
    private final Map<String, ConfigValue> entries;

    /**
     * A table as written.
     *
     * @param name the dotted name, e.g. {@code stages.freeze}
     * @param position where the table's header was written, or null
     * @param entries the values by key, in file order
     */
    public RawTable(String name, SourcePosition position, Map<String, ConfigValue> entries) {
        this.name = name;
        this.position = position;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * A table with no keys (the recipe does not have it).
     *
     * @param name the dotted name
     * @param position where it would be, or null
     * @return the table
     */
    public static RawTable empty(String name, SourcePosition position) {
        return new RawTable(name, position, Map.of());
    }

    /**
     * Dotted name of the table, e.g. {@code stages.freeze}.
     *
     * @return the name
     */
    public String name() { return name; }

    /**
     * Where the table's header was written.
     *
     * @return the position, or null
     */
    public SourcePosition position() { return position; }

    /**
     * The values by key, in file order (unmodifiable).
     *
     * @return the entries
     */
    public Map<String, ConfigValue> entries() { return entries; }
}
