package dev.pipeline.api.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A validated stage config table: every key the schema names, with defaults filled in. */
public final class ConfigTable {
    private final String name;
    private final Map<String, Object> values;

    public ConfigTable(String name, Map<String, Object> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
    }

    public String name() { return name; }

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
}
