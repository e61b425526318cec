package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

/**
 * The parts of the canonical ABI that decide how a function crosses the boundary: flattened value counts and
 * whether linear memory or {@code realloc} are needed.
 */
public final class CanonicalAbi {
    private CanonicalAbi() {}

    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;

    /** How many core values {@code type} flattens to. */
    public static int flatCount(TypeScope scope, ValueType type) {
        return flatCount(scope.resolve(type), 0);
    }

    private static int flatCount(Object t, int depth) {
        if (depth > 100) throw new PipelineException("type nesting too deep");
        if (t instanceof PrimitiveType p) return p == PrimitiveType.STRING ? 2 : 1;
        if (t instanceof TypeScope.ResourceEntry) return 1;
        TypeScope.Defined d = (TypeScope.Defined) t;
        TypeScope s = d.scope();
        TypeDef def = d.def();
        if (def instanceof TypeDef.Primitive p) return flatCount(p.type(), depth + 1);
        if (def instanceof TypeDef.Record r) {
            int n = 0;
            for (TypeDef.Field f : r.fields()) n += flatCount(s.resolve(f.type()), depth + 1);
            return n;
        }
        if (def instanceof TypeDef.Tuple r) {
            int n = 0;
            for (ValueType v : r.types()) n += flatCount(s.resolve(v), depth + 1);
            return n;
        }
        if (def instanceof TypeDef.ListOf l) {
            if (l.length() == null) return 2;
            return l.length() * flatCount(s.resolve(l.element()), depth + 1);
        }
        if (def instanceof TypeDef.Variant v) {
            int max = 0;
            for (TypeDef.Case c : v.cases()) if (c.type() != null) max = Math.max(max, flatCount(s.resolve(c.type()), depth + 1));
            return 1 + max;
        }
        if (def instanceof TypeDef.Option o) return 1 + flatCount(s.resolve(o.type()), depth + 1);
        if (def instanceof TypeDef.Result r) {
            int ok = r.ok() == null ? 0 : flatCount(s.resolve(r.ok()), depth + 1);
            int err = r.err() == null ? 0 : flatCount(s.resolve(r.err()), depth + 1);
            return 1 + Math.max(ok, err);
        }
        if (def instanceof TypeDef.Flags || def instanceof TypeDef.Enum || def instanceof TypeDef.Own
                || def instanceof TypeDef.Borrow || def instanceof TypeDef.Stream || def instanceof TypeDef.Future) {
            return 1;
        }
        throw new PipelineException("not a value type: " + def.getClass().getSimpleName());
    }

    /** Whether a value of {@code type} holds a string or a (variable-length) list somewhere inside. */
    public static boolean hasPointers(TypeScope scope, ValueType type) {
        return hasPointers(scope.resolve(type), 0);
    }

    private static boolean hasPointers(Object t, int depth) {
        if (depth > 100) throw new PipelineException("type nesting too deep");
        if (t instanceof PrimitiveType p) return p == PrimitiveType.STRING;
        if (t instanceof TypeScope.ResourceEntry) return false;
        TypeScope.Defined d = (TypeScope.Defined) t;
        TypeScope s = d.scope();
        TypeDef def = d.def();
        if (def instanceof TypeDef.Primitive p) return p.type() == PrimitiveType.STRING;
        if (def instanceof TypeDef.ListOf l) return l.length() == null || hasPointers(s.resolve(l.element()), depth + 1);
        if (def instanceof TypeDef.Record r) {
            for (TypeDef.Field f : r.fields()) if (hasPointers(s.resolve(f.type()), depth + 1)) return true;
            return false;
        }
        if (def instanceof TypeDef.Tuple r) {
            for (ValueType v : r.types()) if (hasPointers(s.resolve(v), depth + 1)) return true;
            return false;
        }
        if (def instanceof TypeDef.Variant v) {
            for (TypeDef.Case c : v.cases()) if (c.type() != null && hasPointers(s.resolve(c.type()), depth + 1)) return true;
            return false;
        }
        if (def instanceof TypeDef.Option o) return hasPointers(s.resolve(o.type()), depth + 1);
        if (def instanceof TypeDef.Result r) {
            return (r.ok() != null && hasPointers(s.resolve(r.ok()), depth + 1))
                    || (r.err() != null && hasPointers(s.resolve(r.err()), depth + 1));
        }
        return false;
    }

    /** Which canonical options a function needs when lowered (imports) or lifted (exports). */
    public record Needs(boolean memory, boolean realloc) {}

    public static Needs needs(TypeScope.Defined func, boolean lift) {
        TypeDef.Func f = (TypeDef.Func) func.def();
        TypeScope s = func.scope();
        int flatParams = 0;
        boolean paramPointers = false;
        for (TypeDef.Field p : f.params()) {
            flatParams += flatCount(s, p.type());
            paramPointers |= hasPointers(s, p.type());
        }
        int flatResults = f.result() == null ? 0 : flatCount(s, f.result());
        boolean resultPointers = f.result() != null && hasPointers(s, f.result());
        boolean spilledParams = flatParams > MAX_FLAT_PARAMS;
        boolean spilledResults = flatResults > MAX_FLAT_RESULTS;
        boolean memory = paramPointers || resultPointers || spilledParams || spilledResults;
        boolean realloc = lift ? (paramPointers || spilledParams) : resultPointers;
        return new Needs(memory, realloc);
    }
}
