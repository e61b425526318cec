package dev.pipeline.testkit;

import dev.pipeline.api.diag.Progress;

import java.util.ArrayList;
import java.util.List;

/** A {@link Progress} that keeps every status line, for assertions. */
public final class RecordingProgress implements Progress {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void status(String message) {
        lines.add(message);
    }

    @Override
    public synchronized void advance(String what, long done, long total) {
        lines.add(what + " " + done + "/" + total);
    }

    /**
     * Every status line so far (advances as {@code "what done/total"}), in order.
     *
     * @return the lines
     */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
