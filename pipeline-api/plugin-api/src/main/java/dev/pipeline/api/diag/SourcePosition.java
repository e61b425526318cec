package dev.pipeline.api.diag;

import java.util.Objects;

/** A place in a source file (1-based line and column), optionally with the text of that line for a caret display. */
public record SourcePosition(String file, int line, int column, String lineText) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    public static SourcePosition of(String file, int line, int column) {
        return new SourcePosition(file, line, column, null);
    }

    /** A position that names only a file, or a key path inside it. */
    public static SourcePosition file(String file) {
        return new SourcePosition(file, 0, 0, null);
    }

    public SourcePosition withLineText(String text) {
        return new SourcePosition(file, line, column, text);
    }

    /** {@code file:line:col}, or just the file when no line is known. */
    @Override
    public String toString() {
        if (line <= 0) return file;
        return file + ":" + line + ":" + Math.max(column, 1);
    }

    /** The source line followed by a caret under the column, or an empty string when the line is unknown. */
    public String caret() {
        if (lineText == null || line <= 0) return "";
        String gutter = String.format("%5d | ", line);
        StringBuilder sb = new StringBuilder();
        sb.append(gutter).append(lineText.replace('\t', ' ')).append('\n');
        sb.append(" ".repeat(gutter.length() - 2)).append("| ");
        sb.append(" ".repeat(Math.max(0, column - 1))).append('^');
        return sb.toString();
    }
}
