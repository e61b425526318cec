package dev.pipeline.api.stage;

import java.util.Arrays;
import java.util.List;

/** The pipeline's pluggable stages, in the order they run; each has a recipe key and a default strategy. */
public enum Stage {
    BINDINGS("bindings", "static", "Python bindings and the descriptor table for the world"),
    PACKAGING("packaging", "freeze", "the Python code that goes into the component"),
    EXTENSIONS("extensions", "none", "native extension modules and the runtime core module"),
    INIT("init", "chicory", "pre-initialisation: start-up work done at build time"),
    SPLICE("splice", "in-place", "glue that makes the runtime speak the world's canonical ABI");

    private final String key;
    private final String defaultStrategy;
    private final String purpose;

    Stage(String key, String defaultStrategy, String purpose) {
        this.key = key;
        this.defaultStrategy = defaultStrategy;
        this.purpose = purpose;
    }

    /** The name used in {@code [pipeline]} and {@code [stages.<key>]}. */
    public String key() { return key; }

    public String defaultStrategy() { return defaultStrategy; }

    public String purpose() { return purpose; }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Stage::key).toList();
    }

    /** The stage with this recipe key, or null. */
    public static Stage byKey(String key) {
        for (Stage s : values()) if (s.key.equals(key)) return s;
        return null;
    }
}
