package dev.pipeline.testkit;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/** A {@link Diagnostics} that keeps every warning and note, for assertions. */
public final class RecordingDiagnostics implements Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    @Override
    public synchronized void report(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    @Override
    public synchronized List<Diagnostic> all() {
        return List.copyOf(all);
    }
}
