package dev.pipeline.api.diag;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest known name to a misspelt one, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
     *
     * @param wrong the misspelt name
     * @param candidates the known names
     * @return the closest known name, or empty
     */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong.toLowerCase(), c.toLowerCase());
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null) return Optional.empty();
        int limit = Math.max(2, Math.min(wrong.length(), best.length()) / 3);
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * A hint for a misspelt name.
     *
     * @param wrong the misspelt name
     * @param candidates the known names
     * @return {@code "did you mean `x`?"}, or null when no name is close
     */
    public static String didYouMean(String wrong, Collection<String> candidates) {
        return closest(wrong, candidates).map(s -> "did you mean `" + s + "`?").orElse(null);
    }

    /**
     * Damerau-Levenshtein distance (optimal string alignment).
     *
     * @param a one string
     * @param b another
     * @return the number of edits (insert, delete, replace, swap neighbours) from a to b
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
