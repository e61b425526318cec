package dev.pipeline.api.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An error for the user: carries one or more {@link Diagnostic}s that the CLI prints as they are, without a stack
 * trace (with {@code --verbose} the trace follows). Throw it from a strategy for anything the user can fix (a bad
 * config value, a missing file); any other exception is reported as an internal failure of the strategy.
 */
public class PipelineException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    /**
     * An error described by {@code diagnostic}.
     *
     * @param diagnostic what went wrong
     */
    public PipelineException(Diagnostic diagnostic) {
        this(List.of(diagnostic), null);
    }

    /**
     * An error described by {@code diagnostic}, caused by {@code cause} (shown with {@code --verbose}).
     *
     * @param diagnostic what went wrong
     * @param cause the underlying exception
     */
    public PipelineException(Diagnostic diagnostic, Throwable cause) {
        this(List.of(diagnostic), cause);
    }

    /**
     * Several errors found at once (e.g. every bad key of a config table), printed in order.
     *
     * @param diagnostics at least one diagnostic
     * @param cause the underlying exception, or null
     */
    public PipelineException(List<Diagnostic> diagnostics, Throwable cause) {
        super(diagnostics.isEmpty() ? "" : diagnostics.get(0).message(), cause);
        if (diagnostics.isEmpty()) throw new IllegalArgumentException("a PipelineException needs a diagnostic");
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * An error with a message only: no position, no hint.
     *
     * @param message what is wrong, one line
     */
    public PipelineException(String message) {
        this(Diagnostic.error(message));
    }

    /**
     * An error at a place in a file.
     *
     * @param at where the problem is (a recipe key's position, a WIT file:line:col), or null
     * @param message what is wrong, one line
     * @param hint what to do about it, or null
     */
    public PipelineException(SourcePosition at, String message, String hint) {
        this(new Diagnostic(Diagnostic.Severity.ERROR, message, at, hint));
    }

    /**
     * The first (or only) diagnostic.
     *
     * @return the diagnostic
     */
    public Diagnostic diagnostic() {
        return diagnostics.get(0);
    }

    /**
     * Every diagnostic, in the order they were found.
     *
     * @return at least one diagnostic
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Every diagnostic rendered as {@link Diagnostic#render()} does, one after the other.
     *
     * @return the text
     */
    @Override
    public String getMessage() {
        return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }
}
