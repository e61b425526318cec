package dev.pipeline.host.console;

import dev.pipeline.api.diag.Progress;

import java.io.PrintWriter;

/** Progress lines on stderr, indented under the current stage; at most a few updates per second. */
public final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final boolean quiet;
    private long lastAdvance;

    public ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    /** A top-level line, e.g. "[2/5] packaging: freeze". */
    public void headline(String line) {
        if (!quiet) { err.println(line); err.flush(); }
    }

    @Override
    public void status(String message) {
        if (!quiet) { err.println("      " + message); err.flush(); }
    }

    @Override
    public void advance(String what, long done, long total) {
        long now = System.nanoTime();
        if (quiet || (done < total && now - lastAdvance < 250_000_000L)) return;
        lastAdvance = now;
        err.println("      " + what + " " + done + "/" + total);
        err.flush();
    }
}
