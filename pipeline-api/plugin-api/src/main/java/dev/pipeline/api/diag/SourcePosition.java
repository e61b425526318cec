package dev.pipeline.api.diag;

import java.util.Objects;

/**
 * A place in a source file (1-based line and column), optionally with the text of that line for a caret display.
 *
 * @param file the file's path as the user should see it
 * @param line the 1-based line, or 0 when only the file is known
 * @param column the 1-based column, or 0
 * @param lineText the text of the line, for the caret display, or null
 */
public record SourcePosition(String file, int line, int column, String lineText) {

    /**
     * Checks that the file is given.
     *
     * @param file the file's path
     * @param line the 1-based line, or 0
     * @param column the 1-based column, or 0
     * @param lineText the text of the line, or null
     */
    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /**
     * A line and column of a file, without its text.
     *
     * @param file the file's path
     * @param line the 1-based line
     * @param column the 1-based column
     * @return the position
     */
    public static SourcePosition of(String file, int line, int column) {
        return new SourcePosition(file, line, column, null);
    }

    /**
     * A position that names only a file, or a key path inside it.
     *
     * @param file the file's path (or a description such as {@code "recipe.toml [stages.init]"})
     * @return the position
     */
    public static SourcePosition file(String file) {
        return new SourcePosition(file, 0, 0, null);
    }

    /**
     * The same position with the text of its line, for the caret display.
     *
     * @param text the line's text
     * @return a new position
     */
    public SourcePosition withLineText(String text) {
        return new SourcePosition(file, line, column, text);
    }

    /**
     * {@code file:line:col}, or just the file when no line is known.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (line <= 0) return file;
        return file + ":" + line + ":" + Math.max(column, 1);
    }

    /**
     * The source line followed by a caret under the column.
     *
     * @return two lines, or an empty string when the line's text is unknown
     */
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
