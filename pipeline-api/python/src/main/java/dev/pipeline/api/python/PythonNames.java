package dev.pipeline.api.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The naming rules of generated Python bindings (the ones componentize-py users know): WIT kebab-case to Python. */
public final class PythonNames {
    private PythonNames() {}

    /** Python keywords and soft keywords that get a trailing underscore. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield", "match", "case", "type", "_");

    /** {@code get-user-by-id} → {@code get_user_by_id}; keywords escaped. */
    public static String snake(String wit) {
        return escape(String.join("_", words(wit)).toLowerCase(Locale.ROOT));
    }

    /** {@code incoming-handler} → {@code IncomingHandler}. */
    public static String upperCamel(String wit) {
        return escape(upperCamelPart(wit));
    }

    /** UpperCamel without keyword escaping, for names that are only part of an identifier ({@code Shape_None}). */
    public static String upperCamelPart(String wit) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(wit)) {
            if (w.isEmpty()) continue;
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** {@code not-found} → {@code NOT_FOUND}. */
    public static String shouty(String wit) {
        return escape(String.join("_", words(wit)).toUpperCase(Locale.ROOT));
    }

    /** Adds a trailing underscore to Python keywords. */
    public static String escape(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** The words of a WIT identifier (kebab-case, possibly with a leading %). */
    static List<String> words(String wit) {
        String s = wit.startsWith("%") ? wit.substring(1) : wit;
        List<String> out = new ArrayList<>();
        for (String part : s.split("[-_]")) {
            if (!part.isEmpty()) out.add(part);
        }
        return out;
    }
}
