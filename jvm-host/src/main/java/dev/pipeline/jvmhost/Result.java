package dev.pipeline.jvmhost;

/**
 * A value of a WIT {@code result<T, E>}: {@link Ok} or {@link Err}, each with its payload (null when the WIT type has
 * none). {@link #unwrap()} turns an {@code err} into a {@link ComponentErrorException}.
 */
public sealed interface Result permits Result.Ok, Result.Err {
    /** The payload of either case. */
    Object value();

    /** True for {@code ok}. */
    boolean isOk();

    /** The ok payload, or throws {@link ComponentErrorException} carrying the err payload. */
    default Object unwrap() {
        if (this instanceof Err e) throw new ComponentErrorException(e.value());
        return value();
    }

    /** {@code ok(value)}. */
    static Result ok(Object value) {
        return new Ok(value);
    }

    /** {@code err(value)}. */
    static Result err(Object value) {
        return new Err(value);
    }

    /** The {@code ok} case. */
    record Ok(Object value) implements Result {
        @Override public boolean isOk() { return true; }

        @Override public boolean equals(Object o) { return o instanceof Ok k && Values.same(value, k.value); }

        @Override public int hashCode() { return 1; }
    }

    /** The {@code err} case. */
    record Err(Object value) implements Result {
        @Override public boolean isOk() { return false; }

        @Override public boolean equals(Object o) { return o instanceof Err k && Values.same(value, k.value); }

        @Override public int hashCode() { return 2; }
    }
}
