package dev.pipeline.api.diag;

import java.util.Objects;

/** One message for the user: what went wrong, where, and what to do about it. */
public record Diagnostic(Severity severity, String message, SourcePosition position, String hint) {

    /** How serious a diagnostic is. */
    public enum Severity { ERROR, WARNING, NOTE }

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
    }

    public static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, message, null, null);
    }

    public static Diagnostic error(SourcePosition at, String message) {
        return new Diagnostic(Severity.ERROR, message, at, null);
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, message, position, newHint);
    }

    public Diagnostic at(SourcePosition at) {
        return new Diagnostic(severity, message, at, hint);
    }

    /** Renders like a compiler: {@code file:line:col: error: message}, the caret line, then the hint. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (position != null) sb.append(position).append(": ");
        sb.append(severity.name().toLowerCase()).append(": ").append(message);
        if (position != null && !position.caret().isEmpty()) sb.append('\n').append(position.caret());
        if (hint != null && !hint.isBlank()) sb.append("\n  hint: ").append(hint);
        return sb.toString();
    }
}
