package dev.pipeline.api.config;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.pipeline.api.diag.SourcePosition;

/** The keys a strategy accepts in its {@code [stages.<name>]} table, with types, defaults and limits. */
public final class ConfigSchema {

    /** Types a config key may have. */
    public enum Type { STRING, STRING_LIST, INTEGER, BOOLEAN, TABLE_LIST }

    /** One accepted key; {@code items} is the schema of each table of a TABLE_LIST ({@code [[stages.x.key]]}). */
    public record Key(String name, Type type, String description, Object defaultValue, Long min, Long max,
                      List<String> choices, ConfigSchema items) {
        public Key(String name, Type type, String description, Object defaultValue, Long min, Long max, List<String> choices) {
            this(name, type, description, defaultValue, min, max, choices, null);
        }
    }

    private final Map<String, Key> keys;

    private ConfigSchema(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    public static ConfigSchema empty() {
        return new ConfigSchema(new LinkedHashMap<>());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Key> keys() { return keys; }

    /** Checks a raw table against this schema; unknown keys and wrong types are errors with positions. */
    public ConfigTable validate(RawTable raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        for (Key k : keys.values()) if (k.defaultValue() != null) values.put(k.name(), k.defaultValue());
        for (Map.Entry<String, ConfigValue> e : raw.entries().entrySet()) {
            Key key = keys.get(e.getKey());
            ConfigValue v = e.getValue();
            if (key == null) {
                String hint = Suggestions.didYouMean(e.getKey(), keys.keySet());
                if (hint == null) {
                    hint = keys.isEmpty() ? "[" + raw.name() + "] takes no keys"
                            : "accepted keys: " + String.join(", ", keys.keySet());
                }
                throw new PipelineException(v.position(), "unknown key `" + e.getKey() + "` in [" + raw.name() + "]", hint);
            }
            values.put(key.name(), convert(raw.name(), key, v));
            positions.put(key.name(), v.position());
        }
        return new ConfigTable(raw.name(), values, raw.position(), positions);
    }

    private static Object convert(String table, Key key, ConfigValue v) {
        String where = "`" + key.name() + "` in [" + table + "]";
        switch (key.type()) {
            case STRING -> {
                if (!(v.value() instanceof String s)) throw wrongType(where, "a string", v);
                if (!key.choices().isEmpty() && !key.choices().contains(s)) {
                    String hint = Suggestions.didYouMean(s, key.choices());
                    throw new PipelineException(v.position(), where + " must be one of " + String.join(", ", key.choices())
                            + ", not \"" + s + "\"", hint);
                }
                return s;
            }
            case BOOLEAN -> {
                if (!(v.value() instanceof Boolean b)) throw wrongType(where, "true or false", v);
                return b;
            }
            case INTEGER -> {
                if (!(v.value() instanceof Long n)) throw wrongType(where, "an integer", v);
                if ((key.min() != null && n < key.min()) || (key.max() != null && n > key.max())) {
                    throw new PipelineException(v.position(), where + " must be between " + key.min() + " and " + key.max()
                            + ", not " + n, null);
                }
                return n;
            }
            case STRING_LIST -> {
                if (!(v.value() instanceof List<?> list)) throw wrongType(where, "an array of strings", v);
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    ConfigValue item = (ConfigValue) o;
                    if (!(item.value() instanceof String s)) throw wrongType(where + " (each item)", "a string", item);
                    out.add(s);
                }
                return List.copyOf(out);
            }
            case TABLE_LIST -> {
                if (!(v.value() instanceof List<?> list)) throw wrongType(where, "an array of tables ([[" + table + "." + key.name() + "]])", v);
                List<ConfigTable> out = new ArrayList<>();
                for (Object o : list) {
                    ConfigValue item = (ConfigValue) o;
                    if (!(item.value() instanceof RawTable t)) throw wrongType(where + " (each item)", "a table", item);
                    out.add(key.items().validate(new RawTable(table + "." + key.name(), item.position(), t.entries())));
                }
                return List.copyOf(out);
            }
            default -> throw new IllegalStateException(key.type().toString());
        }
    }

    private static PipelineException wrongType(String where, String expected, ConfigValue v) {
        return new PipelineException(v.position(), where + " must be " + expected + ", not " + article(v.typeName()), null);
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    /** Builds a schema key by key. */
    public static final class Builder {
        private final Map<String, Key> keys = new LinkedHashMap<>();

        public Builder string(String name, String description, String defaultValue, String... choices) {
            keys.put(name, new Key(name, Type.STRING, description, defaultValue, null, null, List.of(choices)));
            return this;
        }

        public Builder stringList(String name, String description) {
            keys.put(name, new Key(name, Type.STRING_LIST, description, List.of(), null, null, List.of()));
            return this;
        }

        public Builder integer(String name, String description, long defaultValue, long min, long max) {
            keys.put(name, new Key(name, Type.INTEGER, description, defaultValue, min, max, List.of()));
            return this;
        }

        public Builder bool(String name, String description, boolean defaultValue) {
            keys.put(name, new Key(name, Type.BOOLEAN, description, defaultValue, null, null, List.of()));
            return this;
        }

        /** An array of tables, each checked against {@code items}; the value is a {@code List<ConfigTable>}. */
        public Builder tableList(String name, String description, ConfigSchema items) {
            keys.put(name, new Key(name, Type.TABLE_LIST, description, List.of(), null, null, List.of(), items));
            return this;
        }

        public ConfigSchema build() {
            return new ConfigSchema(new LinkedHashMap<>(keys));
        }
    }
}
