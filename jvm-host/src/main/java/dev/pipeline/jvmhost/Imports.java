package dev.pipeline.jvmhost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java implementations of a world's imports, by name ({@code log}, {@code host.echo-shape},
 * {@code test:kitchen/host@0.1.0#echo-shape}, {@code host-res.[constructor]counter}; see {@link FunctionInfo}).
 * Imported resources are plain Java objects: a constructor (or any function returning {@code own<R>}) returns one,
 * methods receive it as their first argument, and when the component drops its handle an {@link AutoCloseable}
 * object is closed.
 */
public final class Imports {
    private final Map<String, ImportFunction> functions;

    private Imports(Map<String, ImportFunction> functions) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    /** No implementations. */
    public static Imports none() {
        return new Imports(Map.of());
    }

    /** Starts a set of implementations. */
    public static Builder builder() {
        return new Builder();
    }

    /** The implementations by the name they were registered under. */
    public Map<String, ImportFunction> functions() {
        return functions;
    }

    /** Collects implementations. */
    public static final class Builder {
        private final Map<String, ImportFunction> functions = new LinkedHashMap<>();

        /** Implements the import {@code name}. */
        public Builder function(String name, ImportFunction f) {
            functions.put(name, f);
            return this;
        }

        /** Adds every implementation of {@code other}. */
        public Builder addAll(Imports other) {
            functions.putAll(other.functions);
            return this;
        }

        public Imports build() {
            return new Imports(functions);
        }
    }
}
