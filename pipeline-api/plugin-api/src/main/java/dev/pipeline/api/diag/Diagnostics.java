package dev.pipeline.api.diag;

import java.util.List;

/** Collects warnings and notes during a build; errors are thrown as {@link PipelineException}. */
public interface Diagnostics {

    void report(Diagnostic diagnostic);

    default void warn(String message) {
        report(new Diagnostic(Diagnostic.Severity.WARNING, message, null, null));
    }

    default void note(String message) {
        report(new Diagnostic(Diagnostic.Severity.NOTE, message, null, null));
    }

    List<Diagnostic> all();
}
