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

    public RawTable(String name, SourcePosition position, Map<String, ConfigValue> entries) {
        this.name = name;
        this.position = position;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static RawTable empty(String name, SourcePosition position) {
        return new RawTable(name, position, Map.of());
    }

    /** Dotted name of the table, e.g. {@code stages.freeze}. */
    public String name() { return name; }

    public SourcePosition position() { return position; }

    public Map<String, ConfigValue> entries() { return entries; }
}
