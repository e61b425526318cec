package dev.pipeline.plugins.extensions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds C methods whose definition does not match their calling convention ({@code METH_NOARGS} or {@code METH_O}
 * functions defined with fewer than two parameters: fine natively, a call_indirect signature trap under wasm) and
 * rewrites a copy of the source so the method table points at a two-parameter wrapper that calls the original.
 * Line numbers are kept: declarations go at the start of the table's line, wrappers after the last line.
 */
final class SignatureFix {
    /** One method whose definition was wrapped. */
    record Fixed(String function, int definitionLine, int params, String convention) {}

    /** The rewritten source (equal to the input when nothing was fixed) and what was fixed. */
    record Result(String source, List<Fixed> fixed) {}

    // {"name", (PyCFunction) func, FLAGS  — the cast is optional
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\\s*\"[^\"]*\"\\s*,\\s*(?:\\(\\s*PyCFunction\\w*\\s*\\)\\s*)?\\(?\\s*([A-Za-z_]\\w*)\\s*\\)?\\s*,\\s*([^,}]+)");
    private static final Pattern TABLE = Pattern.compile("(?m)^[^\\n;{}]*\\bPyMethodDef\\s+\\w+\\s*\\[\\s*\\]\\s*=");

    private SignatureFix() {}

    static Result apply(String src) {
        String code = stripComments(src);
        Map<String, String> wrap = new LinkedHashMap<>();   // function -> convention
        List<Fixed> fixed = new ArrayList<>();
        Matcher t = TABLE.matcher(code);
        List<int[]> edits = new ArrayList<>();               // {start, end} of a function name inside a table entry
        List<Integer> tableStarts = new ArrayList<>();
        while (t.find()) {
            int start = t.start();
            int end = code.indexOf("};", t.end());
            if (end < 0) continue;
            boolean used = false;
            Matcher e = ENTRY.matcher(code).region(t.end(), end);
            while (e.find()) {
                String fn = e.group(1);
                String flags = e.group(2);
                String conv = convention(flags);
                if (conv == null) continue;
                int params = paramCount(code, fn);
                if (params < 0 || params >= 2) continue;
                if (!wrap.containsKey(fn)) {
                    wrap.put(fn, conv);
                    fixed.add(new Fixed(fn, lineOf(code, definition(code, fn)), params, conv));
                }
                edits.add(new int[]{e.start(1), e.end(1)});
                used = true;
            }
            if (used) tableStarts.add(start);
        }
        if (wrap.isEmpty()) return new Result(src, List.of());
        StringBuilder out = new StringBuilder(src);
        // apply from the end so earlier offsets stay valid; comments were blanked with the same length
        List<int[]> all = new ArrayList<>(edits);
        for (int s : tableStarts) all.add(new int[]{s, -1});
        all.sort((a, b) -> Integer.compare(b[0], a[0]) != 0 ? Integer.compare(b[0], a[0]) : Integer.compare(a[1], b[1]));
        for (int[] ed : all) {
            if (ed[1] < 0) {
                StringBuilder decl = new StringBuilder();
                for (String fn : wrap.keySet()) decl.append("static PyObject *").append(fn).append("__pl_sig(PyObject *, PyObject *); ");
                out.insert(ed[0], decl);
            } else {
                out.insert(ed[1], "__pl_sig");
            }
        }
        if (out.charAt(out.length() - 1) != '\n') out.append('\n');
        for (Map.Entry<String, String> w : wrap.entrySet()) {
            String fn = w.getKey();
            int params = paramCount(code, fn);
            out.append("static PyObject *").append(fn).append("__pl_sig(PyObject *self, PyObject *arg) { ");
            if (params == 1) {
                out.append("(void)arg; return ((PyObject *(*)(PyObject *))").append(fn).append(")(self); }\n");
            } else {
                out.append("(void)self; (void)arg; return ((PyObject *(*)(void))").append(fn).append(")(); }\n");
            }
        }
        return new Result(out.toString(), fixed);
    }

    /** "METH_NOARGS" / "METH_O" for the conventions that call with (self, arg), else null. */
    private static String convention(String flags) {
        if (flags.matches(".*\\bMETH_(VARARGS|KEYWORDS|FASTCALL|METHOD)\\b.*")) return null;
        if (flags.matches(".*\\bMETH_NOARGS\\b.*")) return "METH_NOARGS";
        if (flags.matches(".*\\bMETH_O\\b.*")) return "METH_O";
        return null;
    }

    /** Offset of the definition {@code fn(...) {}, or -1. */
    private static int definition(String code, String fn) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(fn) + "\\s*\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)\\s*\\{").matcher(code);
        while (m.find()) {
            // a definition starts a declaration: what precedes the name on its statement is a type, not an expression
            int i = m.start() - 1;
            while (i >= 0 && Character.isWhitespace(code.charAt(i))) i--;
            if (i < 0 || Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '*' || code.charAt(i) == '_') return m.start();
        }
        return -1;
    }

    /** Number of parameters of fn's definition; 0 for (void); -1 when the definition is not in this file. */
    private static int paramCount(String code, String fn) {
        int at = definition(code, fn);
        if (at < 0) return -1;
        int open = code.indexOf('(', at);
        int depth = 0;
        int count = 1;
        StringBuilder text = new StringBuilder();
        for (int i = open + 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') {
                if (depth == 0) break;
                depth--;
            } else if (c == ',' && depth == 0) count++;
            text.append(c);
        }
        String p = text.toString().trim();
        if (p.isEmpty() || p.equals("void")) return 0;
        return count;
    }

    private static int lineOf(String code, int offset) {
        if (offset < 0) return 0;
        int line = 1;
        for (int i = 0; i < offset; i++) if (code.charAt(i) == '\n') line++;
        return line;
    }

    /** The source with comments and string contents blanked (same length, newlines kept). */
    private static String stripComments(String s) {
        StringBuilder b = new StringBuilder(s);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (int j = i; j < end; j++) if (s.charAt(j) != '\n') b.setCharAt(j, ' ');
                i = end;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                for (int j = i; j < end; j++) b.setCharAt(j, ' ');
                i = end;
            } else if (c == '\'' ) {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '\'') j += s.charAt(j) == '\\' ? 2 : 1;
                i = Math.min(j + 1, s.length());
            } else {
                i++;
            }
        }
        return b.toString();
    }
}
