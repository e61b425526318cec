package dev.pipeline.api.diag;

import java.util.List;

/**
 * Collects warnings and notes during a build (the host prints them on stderr); errors are thrown as
 * {@link PipelineException}. Strategies get it by constructor injection.
 */
public interface Diagnostics {

    /**
     * Reports a diagnostic.
     *
     * @param diagnostic a warning or note (with a position and hint where known)
     */
    void report(Diagnostic diagnostic);

    /**
     * Reports a warning without a position.
     *
     * @param message what may be wrong, one line
     */
    default void warn(String message) {
        report(new Diagnostic(Diagnostic.Severity.WARNING, message, null, null));
    }

    /**
     * Reports a note without a position.
     *
     * @param message the information, one line
     */
    default void note(String message) {
        report(new Diagnostic(Diagnostic.Severity.NOTE, message, null, null));
    }

    /**
     * Every diagnostic reported so far, in order.
     *
     * @return the diagnostics
     */
    List<Diagnostic> all();
}
