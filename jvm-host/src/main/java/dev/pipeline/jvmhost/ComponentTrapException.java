package dev.pipeline.jvmhost;

/**
 * A call ended in a trap: the Python code raised an exception that is not {@code Err} (its traceback, printed by the
 * component on stderr, is in {@link #traceback()}), or the wasm code trapped. The instance cannot be used afterwards.
 */
public final class ComponentTrapException extends RuntimeException {
    private final String traceback;

    public ComponentTrapException(String message, String traceback, Throwable cause) {
        super(message, cause);
        this.traceback = traceback == null ? "" : traceback;
    }

    /** What the component printed on stderr during the trapping call (the Python traceback), possibly empty. */
    public String traceback() {
        return traceback;
    }
}
