package dev.pipeline.api.wit;

/** The feature gate of an item: none, {@code @since(version)} or {@code @unstable(feature)}, each optionally {@code @deprecated}. */
public sealed interface Stability {
    /** The version an item was deprecated in, or null. */
    String deprecated();

    /** No gate. */
    Stability UNKNOWN = new Unknown();

    /** An ungated item. */
    record Unknown() implements Stability {
        @Override public String deprecated() { return null; }
    }

    /** {@code @since(version = ...)}, stable since that version. */
    record Stable(String since, String deprecated) implements Stability {}

    /** {@code @unstable(feature = ...)}, present only when the feature is enabled. */
    record Unstable(String feature, String deprecated) implements Stability {}
}
