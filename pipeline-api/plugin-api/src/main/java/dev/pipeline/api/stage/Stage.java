package dev.pipeline.api.stage;

import java.util.Arrays;
import java.util.List;

/** The pipeline's pluggable stages, in the order they run; each has a recipe key and a default strategy. */
public enum Stage {
    /** Writes the Python bindings of the world and the descriptor table ({@code bindings = "static"}). */
    BINDINGS("bindings", "static", "Python bindings and the descriptor table for the world"),
    /** Writes the module image: the app, its dependencies and the stdlib modules it reaches ({@code packaging = "freeze"}). */
    PACKAGING("packaging", "freeze", "the Python code that goes into the component"),
    /** Writes the runtime core module, with the app's native extension modules linked in ({@code extensions = "none"}). */
    EXTENSIONS("extensions", "none", "native extension modules and the runtime core module"),
    /** Writes the runtime after pre-initialisation, or unchanged ({@code init = "chicory"}). */
    INIT("init", "chicory", "pre-initialisation: start-up work done at build time"),
    /** Writes the finished component ({@code splice = "in-place"}). */
    SPLICE("splice", "in-place", "glue that makes the runtime speak the world's canonical ABI");

    private final String key;
    private final String defaultStrategy;
    private final String purpose;

    Stage(String key, String defaultStrategy, String purpose) {
        this.key = key;
        this.defaultStrategy = defaultStrategy;
        this.purpose = purpose;
    }

    /**
     * The name used in {@code [pipeline]} and {@code [stages.<key>]}.
     *
     * @return e.g. {@code "init"}
     */
    public String key() { return key; }

    /**
     * The strategy a recipe gets when its {@code [pipeline]} table does not name one.
     *
     * @return e.g. {@code "chicory"} for {@link #INIT}
     */
    public String defaultStrategy() { return defaultStrategy; }

    /**
     * What the stage is for, one line for {@code pipeline plugins}.
     *
     * @return the purpose
     */
    public String purpose() { return purpose; }

    /**
     * Every stage's recipe key, in stage order.
     *
     * @return {@code [bindings, packaging, extensions, init, splice]}
     */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Stage::key).toList();
    }

    /**
     * The stage with this recipe key.
     *
     * @param key a recipe key such as {@code "init"}
     * @return the stage, or null when no stage has that key
     */
    public static Stage byKey(String key) {
        for (Stage s : values()) if (s.key.equals(key)) return s;
        return null;
    }
}
