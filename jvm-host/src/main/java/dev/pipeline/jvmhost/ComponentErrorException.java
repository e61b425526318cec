package dev.pipeline.jvmhost;

/**
 * The {@code err} case of a {@code result} an export returned, as an exception ({@link Result#unwrap()},
 * {@link ExportedFunction#callOrThrow}). Import implementations may also throw it: the import then returns
 * {@code err(value)} when its WIT result is a {@code result}.
 */
public final class ComponentErrorException extends RuntimeException {
    private final transient Object value;

    public ComponentErrorException(Object value) {
        super("err(" + Values.describe(value) + ")");
        this.value = value;
    }

    /** The err payload (null when the WIT type has none). */
    public Object value() {
        return value;
    }
}
