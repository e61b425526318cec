package dev.pipeline.api.component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Renumbers the type indices of a type definition that refer to one particular scope: plain value references at
 * level 0, and outer aliases from nested component/instance types that reach back to that scope.
 */
final class TypeRemapper {
    private TypeRemapper() {}

    /** Adds the type indices that {@code def}'s value types and handles refer to. */
    static void valueRefs(DefType def, List<Integer> out) {
        remap(def, 0, i -> {
            out.add(i);
            return i;
        });
    }

    private static ValueType v(ValueType t, IntUnaryOperator map) {
        if (t == null || t instanceof PrimitiveType) return t;
        return ValueType.ref(map.applyAsInt(((ValueType.Ref) t).index()));
    }

    private static List<DefType.Field> fields(List<DefType.Field> fs, IntUnaryOperator map) {
        List<DefType.Field> out = new ArrayList<>(fs.size());
        for (DefType.Field f : fs) out.add(new DefType.Field(f.name(), v(f.type(), map)));
        return out;
    }

    /** {@code def} with the indices referring to the scope {@code level} levels out mapped through {@code map}. */
    static DefType remap(DefType def, int level, IntUnaryOperator map) {
        if (def instanceof DefType.InstanceType it) return new DefType.InstanceType(decls(it.declarators(), level, map));
        if (def instanceof DefType.ComponentType ct) return new DefType.ComponentType(decls(ct.declarators(), level, map));
        if (level != 0) return def;
        if (def instanceof DefType.Record r) return new DefType.Record(fields(r.fields(), map));
        if (def instanceof DefType.Variant r) {
            List<DefType.Case> cs = new ArrayList<>();
            for (DefType.Case c : r.cases()) cs.add(new DefType.Case(c.name(), v(c.type(), map)));
            return new DefType.Variant(cs);
        }
        if (def instanceof DefType.ListOf l) return new DefType.ListOf(v(l.element(), map), l.length());
        if (def instanceof DefType.Tuple t) {
            List<ValueType> ts = new ArrayList<>();
            for (ValueType x : t.types()) ts.add(v(x, map));
            return new DefType.Tuple(ts);
        }
        if (def instanceof DefType.Option o) return new DefType.Option(v(o.type(), map));
        if (def instanceof DefType.Result r) return new DefType.Result(v(r.ok(), map), v(r.err(), map));
        if (def instanceof DefType.Own o) return new DefType.Own(map.applyAsInt(o.resource()));
        if (def instanceof DefType.Borrow b) return new DefType.Borrow(map.applyAsInt(b.resource()));
        if (def instanceof DefType.Stream s) return new DefType.Stream(v(s.element(), map));
        if (def instanceof DefType.Future f) return new DefType.Future(v(f.element(), map));
        if (def instanceof DefType.Func f) return new DefType.Func(fields(f.params(), map), v(f.result(), map), f.async());
        return def;
    }

    private static List<Declarator> decls(List<Declarator> in, int level, IntUnaryOperator map) {
        List<Declarator> out = new ArrayList<>(in.size());
        for (Declarator d : in) {
            if (d instanceof Declarator.Type t) {
                out.add(new Declarator.Type(remap(t.def(), level + 1, map)));
            } else if (d instanceof Declarator.AliasDecl a && a.alias() instanceof Alias.Outer o
                    && level + 1 - o.count() == 0) {
                out.add(new Declarator.AliasDecl(new Alias.Outer(o.sort(), o.count(), map.applyAsInt(o.index()))));
            } else {
                out.add(d);
            }
        }
        return out;
    }
}
