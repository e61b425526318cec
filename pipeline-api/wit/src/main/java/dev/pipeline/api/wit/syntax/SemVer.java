package dev.pipeline.api.wit.syntax;

import java.util.List;
import java.util.regex.Pattern;

/** Semantic versions (semver.org 2.0): validation, and ordering for "which version is newer". */
public record SemVer(long major, long minor, long patch, String pre, String build) implements Comparable<SemVer> {
    private static final Pattern FORM = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    /** Parses a version, or returns null when it is not valid semver. */
    public static SemVer parse(String text) {
        if (text.length() > 256) return null;
        var m = FORM.matcher(text);
        if (!m.matches()) return null;
        try {
            return new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), m.group(5));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Throws a positioned error when the text is not a valid version. */
    static void check(SourceFile file, int offset, String text) {
        if (parse(text) == null) {
            throw file.error(offset, "invalid semantic version `" + text + "`",
                    "a version is MAJOR.MINOR.PATCH with an optional -prerelease and +build, e.g. 0.2.0 or 1.0.0-rc.1");
        }
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Long.compare(major, o.major);
        if (c == 0) c = Long.compare(minor, o.minor);
        if (c == 0) c = Long.compare(patch, o.patch);
        if (c != 0) return c;
        if (pre == null || o.pre == null) return pre == null ? (o.pre == null ? 0 : 1) : -1;
        List<String> a = List.of(pre.split("\\.")), b = List.of(o.pre.split("\\."));
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i), y = b.get(i);
            boolean nx = x.chars().allMatch(Character::isDigit), ny = y.chars().allMatch(Character::isDigit);
            int d = nx && ny ? new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y))
                    : nx ? -1 : ny ? 1 : x.compareTo(y);
            if (d != 0) return d;
        }
        return Integer.compare(a.size(), b.size());
    }
}
