package dev.pipeline.api.diag;

import java.util.Objects;

/**
 * One message for the user: what went wrong, where, and what to do about it.
 *
 * @param severity how serious it is
 * @param message what is wrong, one line
 * @param position where (a recipe key, a WIT file:line:col, a source file), or null
 * @param hint what to do about it, or null
 */
public record Diagnostic(Severity severity, String message, SourcePosition position, String hint) {

    /** How serious a diagnostic is. */
    public enum Severity {
        /** The build cannot go on. */
        ERROR,
        /** The build goes on, but the result may not be what the user wants. */
        WARNING,
        /** Information only. */
        NOTE
    }

    /**
     * Checks that severity and message are given.
     *
     * @param severity how serious it is
     * @param message what is wrong, one line
     * @param position where, or null
     * @param hint what to do about it, or null
     */
    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
    }

    /**
     * An error with a message only.
     *
     * @param message what is wrong, one line
     * @return the diagnostic
     */
    public static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, message, null, null);
    }

    /**
     * An error at a place.
     *
     * @param at where, or null
     * @param message what is wrong, one line
     * @return the diagnostic
     */
    public static Diagnostic error(SourcePosition at, String message) {
        return new Diagnostic(Severity.ERROR, message, at, null);
    }

    /**
     * The same diagnostic with another hint.
     *
     * @param newHint what to do about it, or null for none
     * @return a new diagnostic
     */
    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, message, position, newHint);
    }

    /**
     * The same diagnostic at another place.
     *
     * @param at where, or null
     * @return a new diagnostic
     */
    public Diagnostic at(SourcePosition at) {
        return new Diagnostic(severity, message, at, hint);
    }

    /**
     * Renders like a compiler: {@code file:line:col: error: message}, the source line with a caret, then the hint.
     *
     * @return the text, one or more lines
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (position != null) sb.append(position).append(": ");
        sb.append(severity.name().toLowerCase()).append(": ").append(message);
        if (position != null && !position.caret().isEmpty()) sb.append('\n').append(position.caret());
        if (hint != null && !hint.isBlank()) sb.append("\n  hint: ").append(hint);
        return sb.toString();
    }
}
