package dev.pipeline.api.diag;

/** Progress of long work, shown to the user on stderr by the host (nothing under {@code --quiet}); strategies get it by constructor injection. */
public interface Progress {

    /**
     * A one-line status under the current stage, e.g. "compiling 412 modules".
     *
     * @param message the status
     */
    void status(String message);

    /**
     * Reports {@code done} of {@code total} units of the current work.
     *
     * @param what the work, e.g. "modules"
     * @param done units done so far
     * @param total units in all
     */
    void advance(String what, long done, long total);

    /** A progress sink that shows nothing (tests, --quiet). */
    Progress SILENT = new Progress() {
        @Override public void status(String message) {}
        @Override public void advance(String what, long done, long total) {}
    };
}
