package dev.pipeline.api.wit;

import java.util.Random;

/** Random edits of WIT text for fuzzing: deletions, insertions of WIT fragments, duplications, swaps. */
final class WitMutator {
    private static final String[] SNIPPETS = {
            "{", "}", "(", ")", "<", ">", ",", ";", ":", ".", "/", "@", "=", "->", "_", "*", "%", "\"", "\\",
            "interface", "world", "package", "use", "import", "export", "include", "with", "as", "func", "async",
            "static", "constructor", "resource", "record", "variant", "enum", "flags", "type", "list", "option",
            "result", "tuple", "borrow", "own", "future", "stream", "error-context", "map", "string", "u8", "u32",
            "s64", "f32", "char", "bool", "self", "x", "a-b", "X-Y", "%type", "0", "1", "4294967296", "1.0.0",
            "0.2.12", "@since(version = 0.2.0)", "@unstable(feature = f)", "@deprecated(version = 0.1.0)",
            "/*", "*/", "//", "///", "/** doc */", "\n", " ", "\t", "é", "\u202e", "\u0000", "wasi:io/streams@0.2.12",
            "list<", "list<u8, 4>", "result<_, ", "tuple<>", "own<", "borrow<blob>",
    };

    private WitMutator() {}

    /** One edit most of the time, up to four otherwise. */
    static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 1;
        for (int e = 0; e < edits; e++) edit(sb, random);
        return sb.toString();
    }

    private static void edit(StringBuilder sb, Random random) {
        int len = sb.length();
        int at = len == 0 ? 0 : random.nextInt(len);
        switch (random.nextInt(6)) {
            case 0 -> sb.delete(at, Math.min(len, at + 1 + random.nextInt(12)));
            case 1 -> sb.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
            case 2 -> {
                int end = Math.min(len, at + 1 + random.nextInt(40));
                sb.insert(random.nextInt(len + 1), sb.substring(at, end));
            }
            case 3 -> {
                if (len > 0) sb.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
            case 4 -> {
                int end = Math.min(len, at + 1 + random.nextInt(20));
                sb.replace(at, end, SNIPPETS[random.nextInt(SNIPPETS.length)]);
            }
            default -> {
                int other = len == 0 ? 0 : random.nextInt(len);
                int a = Math.min(at, other), b = Math.max(at, other);
                int n = Math.min(random.nextInt(10) + 1, Math.min(b - a, len - b));
                if (n > 0) {
                    String first = sb.substring(a, a + n), second = sb.substring(b, b + n);
                    sb.replace(b, b + n, first);
                    sb.replace(a, a + n, second);
                }
            }
        }
    }
}
