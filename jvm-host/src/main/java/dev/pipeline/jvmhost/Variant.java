package dev.pipeline.jvmhost;

import java.util.Objects;

/**
 * A value of a WIT {@code variant}: the case name (as written in WIT, kebab-case) and its payload, or null for a
 * case without payload.
 */
public record Variant(String caseName, Object payload) {
    public Variant {
        Objects.requireNonNull(caseName, "caseName");
    }

    /** A case without payload. */
    public static Variant of(String caseName) {
        return new Variant(caseName, null);
    }

    /** A case with a payload. */
    public static Variant of(String caseName, Object payload) {
        return new Variant(caseName, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant v && v.caseName.equals(caseName) && Values.same(payload, v.payload);
    }

    @Override
    public int hashCode() {
        return caseName.hashCode();
    }
}
