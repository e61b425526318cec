package dev.pipeline.api.wit.syntax;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;

import java.util.Arrays;

/** The text of one WIT file and its line table, which turns offsets into positions with the line's text. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The position of a character offset, with the text of its line for a caret display. */
    public SourcePosition position(int offset) {
        int off = Math.max(0, Math.min(offset, text.length()));
        int idx = Arrays.binarySearch(lineStarts, off);
        int line = idx >= 0 ? idx : -idx - 2;
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        int column = off - start + 1;
        return new SourcePosition(name, line + 1, column, text.substring(start, Math.max(start, end)));
    }

    /** An error at an offset of this file. */
    public PipelineException error(int offset, String message, String hint) {
        return new PipelineException(position(offset), message, hint);
    }
}
