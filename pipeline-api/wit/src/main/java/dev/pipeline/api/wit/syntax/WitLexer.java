package dev.pipeline.api.wit.syntax;

import dev.pipeline.api.wit.syntax.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a WIT file into tokens, checking identifiers are kebab-case and attaching doc comments to the token after them. */
public final class WitLexer {
    /** Words that cannot be plain identifiers. */
    public static final Set<String> KEYWORDS = Set.of(
            "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags", "from",
            "func", "future", "import", "include", "interface", "list", "map", "option", "own", "package", "record",
            "resource", "result", "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple", "type", "u16",
            "u32", "u64", "u8", "use", "variant", "with", "world", "error-context");

    private final SourceFile file;
    private final String s;
    private int pos;
    private final StringBuilder docs = new StringBuilder();
    private boolean hasDocs;
    private final List<Token> tokens = new ArrayList<>();

    private WitLexer(SourceFile file) {
        this.file = file;
        this.s = file.text();
    }

    /** All tokens of a file, ending with an EOF token. */
    public static List<Token> tokenize(SourceFile file) {
        WitLexer lexer = new WitLexer(file);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipTrivia();
            if (pos >= s.length()) {
                add(Kind.EOF, "", pos);
                return;
            }
            lexOne();
        }
    }

    private void add(Kind kind, String text, int at) {
        tokens.add(new Token(kind, text, at, hasDocs ? docs.toString() : null));
        docs.setLength(0);
        hasDocs = false;
    }

    private Kind previousKind() {
        return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind();
    }

    private void skipTrivia() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                int start = pos;
                int end = s.indexOf('\n', pos);
                if (end < 0) end = s.length();
                checkChars(start, end);
                if (s.startsWith("///", start) && !s.startsWith("////", start)) {
                    appendDoc(stripCr(s.substring(start + 3, end)));
                }
                pos = end;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void appendDoc(String line) {
        String text = line.startsWith(" ") ? line.substring(1) : line;
        if (hasDocs) docs.append('\n');
        docs.append(text);
        hasDocs = true;
    }

    private void blockComment() {
        int start = pos;
        boolean isDoc = s.startsWith("/**", start) && !s.startsWith("/**/", start) && !s.startsWith("/***", start);
        pos += 2;
        int depth = 1;
        while (depth > 0) {
            if (pos >= s.length()) throw file.error(start, "unterminated block comment", "close it with `*/`");
            if (s.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                checkChar(pos);
                pos++;
            }
        }
        if (isDoc) {
            for (String line : s.substring(start + 3, pos - 2).split("\n", -1)) {
                String t = stripCr(line).strip();
                if (t.startsWith("*")) t = t.substring(1).strip();
                if (!t.isEmpty() || hasDocs) appendDoc(t);
            }
        }
    }

    private void checkChars(int from, int to) {
        for (int i = from; i < to; i++) checkChar(i);
    }

    /** Rejects control codes (other than tab, newline, carriage return) and bidirectional overrides. */
    private void checkChar(int i) {
        char c = s.charAt(i);
        boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0);
        boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
        if (control || bidi) {
            throw file.error(i, String.format("invalid character U+%04X in WIT text", (int) c),
                    "control codes and bidirectional overrides are not allowed");
        }
    }

    private void lexOne() {
        int start = pos;
        char c = s.charAt(pos);
        switch (c) {
            case '=' -> single(Kind.EQUALS, "=");
            case ',' -> single(Kind.COMMA, ",");
            case ':' -> single(Kind.COLON, ":");
            case ';' -> single(Kind.SEMICOLON, ";");
            case '(' -> single(Kind.LPAREN, "(");
            case ')' -> single(Kind.RPAREN, ")");
            case '{' -> single(Kind.LBRACE, "{");
            case '}' -> single(Kind.RBRACE, "}");
            case '<' -> single(Kind.LT, "<");
            case '>' -> single(Kind.GT, ">");
            case '*' -> single(Kind.STAR, "*");
            case '/' -> single(Kind.SLASH, "/");
            case '.' -> single(Kind.PERIOD, ".");
            case '@' -> single(Kind.AT, "@");
            case '_' -> single(Kind.UNDERSCORE, "_");
            case '"' -> string();
            case '-' -> {
                if (pos + 1 < s.length() && s.charAt(pos + 1) == '>') {
                    pos += 2;
                    add(Kind.ARROW, "->", start);
                } else {
                    throw file.error(start, "unexpected character `-`", "identifiers cannot start with `-`");
                }
            }
            case '%' -> {
                pos++;
                if (pos >= s.length() || !isIdStart(s.charAt(pos))) {
                    throw file.error(start, "expected an identifier after `%`", null);
                }
                String id = identifier(pos);
                add(Kind.EXPLICIT_ID, id, start);
            }
            default -> {
                if (c >= '0' && c <= '9') {
                    number();
                } else if (isIdStart(c)) {
                    String id = identifier(start);
                    add(KEYWORDS.contains(id) ? Kind.KEYWORD : Kind.ID, id, start);
                } else {
                    checkChar(pos);
                    throw file.error(start, "unexpected character `" + new String(Character.toChars(s.codePointAt(pos))) + "`", null);
                }
            }
        }
    }

    private void single(Kind kind, String text) {
        add(kind, text, pos);
        pos++;
    }

    private static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdPart(char c) {
        return isIdStart(c) || (c >= '0' && c <= '9') || c == '-';
    }

    /**
     * Reads a kebab-case identifier: words of lowercase or of uppercase letters and digits, joined by single dashes;
     * the first word starts with a letter (the lexer only starts identifiers at letters).
     */
    private String identifier(int start) {
        int end = start;
        while (end < s.length() && isIdPart(s.charAt(end))) end++;
        String id = s.substring(start, end);
        pos = end;
        int wordStart = 0;
        for (String word : id.split("-", -1)) {
            if (word.isEmpty()) {
                throw file.error(start + wordStart, "identifier `" + id + "` is not kebab-case",
                        "words are joined by single dashes and may not start or end with one");
            }
            int caseOf = -1; // -1 unknown (digits only so far), 0 upper, 1 lower
            for (int i = 0; i < word.length(); i++) {
                char ch = word.charAt(i);
                if (!Character.isLetter(ch)) continue;
                int c = Character.isLowerCase(ch) ? 1 : 0;
                if (caseOf < 0) caseOf = c;
                if (c != caseOf) {
                    throw file.error(start + wordStart, "identifier `" + id + "` mixes upper and lower case in word `" + word + "`",
                            "each word must be all lowercase or all uppercase (kebab-case)");
                }
            }
            wordStart += word.length() + 1;
        }
        return id;
    }

    /** An integer, or a semantic version when it follows {@code @} or {@code =}. */
    private void number() {
        int start = pos;
        Kind prev = previousKind();
        if (prev == Kind.AT || prev == Kind.EQUALS) {
            int end = pos;
            while (end < s.length()) {
                char c = s.charAt(end);
                if (isIdPart(c) || c == '.' || c == '+') end++;
                else break;
            }
            while (end > start && s.charAt(end - 1) == '.') end--;
            pos = end;
            add(Kind.VERSION, s.substring(start, end), start);
            return;
        }
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
        add(Kind.INTEGER, s.substring(start, pos), start);
    }

    private void string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length() || s.charAt(pos) == '\n') throw file.error(start, "unterminated string literal", null);
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            checkChar(pos);
            if (c == '\\') {
                pos++;
                if (pos >= s.length()) throw file.error(start, "unterminated string literal", null);
                char e = s.charAt(pos);
                switch (e) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case '"' -> sb.append('"');
                    case '\'' -> sb.append('\'');
                    case '\\' -> sb.append('\\');
                    case 'u' -> {
                        int close = s.indexOf('}', pos);
                        if (pos + 1 >= s.length() || s.charAt(pos + 1) != '{' || close < 0 || close - pos > 9) {
                            throw file.error(pos - 1, "invalid unicode escape", "write it as \\u{hex}");
                        }
                        int cp;
                        try {
                            cp = Integer.parseInt(s.substring(pos + 2, close), 16);
                        } catch (NumberFormatException ex) {
                            throw file.error(pos - 1, "invalid unicode escape", "write it as \\u{hex}");
                        }
                        if (!Character.isValidCodePoint(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
                            throw file.error(pos - 1, "invalid unicode scalar value in escape", null);
                        }
                        sb.appendCodePoint(cp);
                        pos = close;
                    }
                    default -> {
                        int hi = Character.digit(e, 16);
                        int lo = pos + 1 < s.length() ? Character.digit(s.charAt(pos + 1), 16) : -1;
                        if (hi < 0 || lo < 0) throw file.error(pos - 1, "invalid escape `\\" + e + "`", null);
                        sb.append((char) (hi * 16 + lo));
                        pos++;
                    }
                }
                pos++;
            } else {
                sb.append(c);
                pos++;
            }
        }
        add(Kind.STRING, sb.toString(), start);
    }
}
