package dev.pipeline.host.console;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.Diagnostics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Prints warnings and notes to stderr as they come and keeps them for a summary. */
public final class CollectingDiagnostics implements Diagnostics {
    private final PrintWriter err;
    private final List<Diagnostic> all = Collections.synchronizedList(new ArrayList<>());

    public CollectingDiagnostics(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void report(Diagnostic diagnostic) {
        all.add(diagnostic);
        err.println(diagnostic.render());
        err.flush();
    }

    @Override
    public List<Diagnostic> all() {
        return List.copyOf(all);
    }
}
