package dev.pipeline.api.config;

import dev.pipeline.api.diag.SourcePosition;

/**
 * A raw value read from a recipe before validation: a String, Long, Double, Boolean, a java.util.List of
 * ConfigValue, or a {@link RawTable}; with the place it was written.
 *
 * @param value the value as TOML gave it
 * @param position where it was written, or null
 */
public record ConfigValue(Object value, SourcePosition position) {

    /**
     * The user-facing name of this value's type, as TOML calls it.
     *
     * @return {@code string}, {@code integer}, {@code float}, {@code boolean}, {@code array} or {@code table}
     */
    public String typeName() {
        if (value instanceof String) return "string";
        if (value instanceof Long) return "integer";
        if (value instanceof Double) return "float";
        if (value instanceof Boolean) return "boolean";
        if (value instanceof java.util.List<?>) return "array";
        if (value instanceof RawTable) return "table";
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }
}
