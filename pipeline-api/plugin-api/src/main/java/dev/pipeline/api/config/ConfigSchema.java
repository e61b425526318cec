package dev.pipeline.api.config;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.pipeline.api.diag.SourcePosition;

/**
 * The keys a strategy accepts in its {@code [stages.<name>]} table, with types, defaults and limits. The host
 * validates the recipe's table against it before the strategy runs, and {@code pipeline plugins} lists it.
 *
 * <pre>{@code
 * ConfigSchema.builder()
 *     .string("mode", "how to do it", "fast", "fast", "small")   // name, description, default, allowed values
 *     .bool("verbose-log", "log every step", false)               // name, description, default
 *     .integer("level", "effort, 0 to 9", 5, 0, 9)                // name, description, default, min, max
 *     .stringList("include", "extra module names")                // name, description (default: empty list)
 *     .build();
 * }</pre>
 */
public final class ConfigSchema {

    /** Types a config key may have, as TOML writes them. */
    public enum Type {
        /** A TOML string; read with {@link ConfigTable#string}. */
        STRING,
        /** A TOML array of strings; read with {@link ConfigTable#stringList}. */
        STRING_LIST,
        /** A TOML integer, within an inclusive range; read with {@link ConfigTable#integer}. */
        INTEGER,
        /** {@code true} or {@code false}; read with {@link ConfigTable#bool}. */
        BOOLEAN,
        /** An array of tables ({@code [[stages.x.key]]}), each with its own schema; read with {@link ConfigTable#tables}. */
        TABLE_LIST
    }

    /**
     * One accepted key.
     *
     * @param name the key as written in the recipe
     * @param type its TOML type
     * @param description one line for {@code pipeline plugins}
     * @param defaultValue the value when the recipe does not give the key (a String, Boolean, Long or List), or null
     * @param min the smallest accepted INTEGER (inclusive), or null
     * @param max the largest accepted INTEGER (inclusive), or null
     * @param choices the accepted values of a STRING; empty when any string is accepted
     * @param items the schema of each table of a TABLE_LIST ({@code [[stages.x.key]]}), else null
     */
    public record Key(String name, Type type, String description, Object defaultValue, Long min, Long max,
                      List<String> choices, ConfigSchema items) {
        /**
         * A key that is not a TABLE_LIST.
         *
         * @param name the key as written in the recipe
         * @param type its TOML type
         * @param description one line for {@code pipeline plugins}
         * @param defaultValue the value when the recipe does not give the key, or null
         * @param min the smallest accepted INTEGER, or null
         * @param max the largest accepted INTEGER, or null
         * @param choices the accepted values of a STRING; empty for any
         */
        public Key(String name, Type type, String description, Object defaultValue, Long min, Long max, List<String> choices) {
            this(name, type, description, defaultValue, min, max, choices, null);
        }

        /**
         * What values the key accepts beyond its type, as {@code pipeline plugins} shows it: {@code "0..2"} for an
         * integer range, {@code "one of fast, small"} for a string with allowed values, or an empty string.
         *
         * @return the constraint text
         */
        public String constraint() {
            if (type == Type.INTEGER && (min != null || max != null)) {
                return (min == null ? "" : min) + ".." + (max == null ? "" : max);
            }
            if (type == Type.STRING && choices != null && !choices.isEmpty()) return "one of " + String.join(", ", choices);
            return "";
        }
    }

    private final Map<String, Key> keys;

    private ConfigSchema(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * A schema with no keys: the stage's table must be empty or absent.
     *
     * @return the empty schema
     */
    public static ConfigSchema empty() {
        return new ConfigSchema(new LinkedHashMap<>());
    }

    /**
     * Starts a schema; add keys in the order {@code pipeline plugins} should list them.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The keys by name, in the order they were added (unmodifiable).
     *
     * @return the keys
     */
    public Map<String, Key> keys() { return keys; }

    /**
     * Checks a raw table against this schema and fills in defaults. Every problem of the table is reported at once:
     * unknown keys (with a "did you mean" hint), values of the wrong type, integers out of range and strings not
     * among the allowed values, each at the position where it was written.
     *
     * @param raw the table as read from the recipe
     * @return the validated table: every key of the schema, with the recipe's value or the default
     * @throws PipelineException with one diagnostic per problem found
     */
    public ConfigTable validate(RawTable raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
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
                problems.add(new Diagnostic(Diagnostic.Severity.ERROR, "unknown key `" + e.getKey() + "` in [" + raw.name() + "]",
                        v.position(), hint));
                continue;
            }
            try {
                values.put(key.name(), convert(raw.name(), key, v));
                positions.put(key.name(), v.position());
            } catch (PipelineException bad) {
                problems.addAll(bad.diagnostics());
            }
        }
        if (!problems.isEmpty()) throw new PipelineException(problems, null);
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
                List<Diagnostic> problems = new ArrayList<>();
                for (Object o : list) {
                    ConfigValue item = (ConfigValue) o;
                    if (!(item.value() instanceof RawTable t)) {
                        problems.add(wrongType(where + " (each item)", "a table", item).diagnostic());
                        continue;
                    }
                    try {
                        out.add(key.items().validate(new RawTable(table + "." + key.name(), item.position(), t.entries())));
                    } catch (PipelineException bad) {
                        problems.addAll(bad.diagnostics());
                    }
                }
                if (!problems.isEmpty()) throw new PipelineException(problems, null);
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

    /** Builds a schema key by key; adding a name twice keeps the last definition. */
    public static final class Builder {
        private final Map<String, Key> keys = new LinkedHashMap<>();

        /** An empty builder; the same as {@link ConfigSchema#builder()}. */
        public Builder() {}

        /**
         * A string key.
         *
         * @param name the key as written in the recipe, e.g. {@code "mode"}
         * @param description one line for {@code pipeline plugins}
         * @param defaultValue the value when the recipe does not give the key (may be null: then
         *                     {@link ConfigTable#string} returns null)
         * @param choices the accepted values; none means any string. A value not among them is an error with a
         *                "did you mean" hint
         * @return this builder
         */
        public Builder string(String name, String description, String defaultValue, String... choices) {
            keys.put(name, new Key(name, Type.STRING, description, defaultValue, null, null, List.of(choices)));
            return this;
        }

        /**
         * An array-of-strings key; its default is the empty list.
         *
         * @param name the key as written in the recipe, e.g. {@code "include"}
         * @param description one line for {@code pipeline plugins}
         * @return this builder
         */
        public Builder stringList(String name, String description) {
            keys.put(name, new Key(name, Type.STRING_LIST, description, List.of(), null, null, List.of()));
            return this;
        }

        /**
         * An integer key with an inclusive range.
         *
         * @param name the key as written in the recipe, e.g. {@code "level"}
         * @param description one line for {@code pipeline plugins}
         * @param defaultValue the value when the recipe does not give the key
         * @param min the smallest accepted value (inclusive)
         * @param max the largest accepted value (inclusive)
         * @return this builder
         */
        public Builder integer(String name, String description, long defaultValue, long min, long max) {
            if (min > max || defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException("config key `" + name + "`: need min <= default <= max, got "
                        + min + " <= " + defaultValue + " <= " + max);
            }
            keys.put(name, new Key(name, Type.INTEGER, description, defaultValue, min, max, List.of()));
            return this;
        }

        /**
         * A boolean key ({@code true} / {@code false}).
         *
         * @param name the key as written in the recipe, e.g. {@code "strict"}
         * @param description one line for {@code pipeline plugins}
         * @param defaultValue the value when the recipe does not give the key
         * @return this builder
         */
        public Builder bool(String name, String description, boolean defaultValue) {
            keys.put(name, new Key(name, Type.BOOLEAN, description, defaultValue, null, null, List.of()));
            return this;
        }

        /**
         * An array of tables ({@code [[stages.x.name]]}), each checked against {@code items}; the value is a
         * {@code List<ConfigTable>}, empty by default.
         *
         * @param name the key as written in the recipe, e.g. {@code "module"}
         * @param description one line for {@code pipeline plugins}
         * @param items the schema every table of the array must match
         * @return this builder
         */
        public Builder tableList(String name, String description, ConfigSchema items) {
            keys.put(name, new Key(name, Type.TABLE_LIST, description, List.of(), null, null, List.of(), items));
            return this;
        }

        /**
         * The schema with the keys added so far.
         *
         * @return the schema
         */
        public ConfigSchema build() {
            return new ConfigSchema(new LinkedHashMap<>(keys));
        }
    }
}
