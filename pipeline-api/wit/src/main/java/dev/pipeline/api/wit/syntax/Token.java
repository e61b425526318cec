package dev.pipeline.api.wit.syntax;

/** One lexical token of a WIT file: its kind, text (identifiers without a leading {@code %}), offset and preceding doc comment. */
public record Token(Kind kind, String text, int offset, String docs) {

    /** The kinds of WIT tokens; keywords share {@link #KEYWORD} and are told apart by their text. */
    public enum Kind {
        ID, EXPLICIT_ID, KEYWORD, INTEGER, VERSION, STRING,
        EQUALS, COMMA, COLON, SEMICOLON, LPAREN, RPAREN, LBRACE, RBRACE, LT, GT, STAR, ARROW, SLASH, PERIOD, AT,
        UNDERSCORE, EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    /** An identifier, written plain or with {@code %}. */
    public boolean isId() {
        return kind == Kind.ID || kind == Kind.EXPLICIT_ID;
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case ID, EXPLICIT_ID -> "identifier `" + text + "`";
            case KEYWORD -> "keyword `" + text + "`";
            case INTEGER -> "integer `" + text + "`";
            case VERSION -> "version `" + text + "`";
            case STRING -> "string literal";
            default -> "`" + text + "`";
        };
    }
}
