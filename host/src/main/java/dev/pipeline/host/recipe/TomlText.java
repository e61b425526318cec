package dev.pipeline.host.recipe;

import java.util.ArrayList;
import java.util.List;

/**
 * A recipe's text with its blank and comment-only lines left out, and the map back to the original line numbers.
 *
 * <p>tomlj 2.2.0's grammar makes ANTLR's prediction look across runs of newline tokens: time grows with the cube
 * of the number of consecutive blank or comment lines (measured: 2,000 blank lines 7 s, 4,000 comment lines 199 s),
 * while lines that hold keys parse in linear time. Those lines carry no data, so they are removed before parsing;
 * every other line is kept whole, so columns stay the same and line numbers map back. Lines inside multi-line
 * strings are always kept. See docs/decisions for the choice.
 */
final class TomlText {
    final String text;
    private final int[] original;

    private TomlText(String text, int[] original) {
        this.text = text;
        this.original = original;
    }

    /** The original line number (1-based) of a line of {@link #text}. */
    int originalLine(int line) {
        if (line >= 1 && line <= original.length) return original[line - 1];
        return line > original.length && original.length > 0 ? original[original.length - 1] + line - original.length : line;
    }

    static TomlText of(String source) {
        String[] lines = source.split("\n", -1);
        StringBuilder sb = new StringBuilder(source.length());
        List<Integer> map = new ArrayList<>();
        int open = 0; // 0 outside, 1 inside """ ... """, 2 inside ''' ... '''
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int startState = open;
            boolean[] content = {false};
            open = scan(line, open, content);
            boolean droppable = startState == 0 && !content[0] && safeComment(line);
            if (droppable) continue;
            sb.append(line).append('\n');
            map.add(i + 1);
        }
        int[] original = map.stream().mapToInt(Integer::intValue).toArray();
        return new TomlText(sb.toString(), original);
    }

    /** A comment with a control character is kept, so that the parser reports it. */
    private static boolean safeComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t' && !(c == '\r' && i == line.length() - 1)) || c == 0x7f) return false;
        }
        return true;
    }

    /**
     * Scans one line from state {@code open}; sets {@code content[0]} when it holds anything but whitespace and a
     * comment outside strings. Returns the state at the end of the line.
     */
    private static int scan(String line, int open, boolean[] content) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (open == 1) {
                content[0] = true;
                if (c == '\\') {
                    i += 2;
                } else if (line.startsWith("\"\"\"", i)) {
                    open = 0;
                    i += 3;
                    while (i < n && line.charAt(i) == '"') i++; // up to two quotes of content before the closing ones
                } else {
                    i++;
                }
                continue;
            }
            if (open == 2) {
                content[0] = true;
                if (line.startsWith("'''", i)) {
                    open = 0;
                    i += 3;
                    while (i < n && line.charAt(i) == '\'') i++;
                } else {
                    i++;
                }
                continue;
            }
            if (c == '#') return 0;
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            content[0] = true;
            if (line.startsWith("\"\"\"", i)) {
                open = 1;
                i += 3;
            } else if (line.startsWith("'''", i)) {
                open = 2;
                i += 3;
            } else if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') i += line.charAt(i) == '\\' ? 2 : 1;
                i++;
            } else if (c == '\'') {
                i++;
                while (i < n && line.charAt(i) != '\'') i++;
                i++;
            } else {
                i++;
            }
        }
        return open;
    }
}
