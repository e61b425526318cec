package dev.pipeline.jvmhost;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Equality and display of the Java values that stand for WIT values (see {@link PythonComponent} for the mapping). */
public final class Values {
    private Values() {}

    /**
     * Deep equality as a round trip needs it: floats compare by bits (NaN equals NaN, -0.0 differs from 0.0),
     * {@code byte[]} by content, lists, maps and optionals element by element.
     */
    public static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof Double x && b instanceof Double y) return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y)
                || (x.isNaN() && y.isNaN());
        if (a instanceof Float x && b instanceof Float y) return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y)
                || (x.isNaN() && y.isNaN());
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) return false;
            for (Object k : x.keySet()) if (!same(x.get(k), y.get(k))) return false;
            return true;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || same(x.get(), y.get()));
        }
        return Objects.equals(a, b);
    }

    /** A short display of a value for messages. */
    public static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        if (v instanceof byte[] b) return "byte[" + b.length + "]";
        if (v instanceof List<?> l && l.size() > 8) return "list of " + l.size();
        return v.toString();
    }
}
