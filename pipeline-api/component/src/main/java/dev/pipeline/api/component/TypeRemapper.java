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
    static void valueRefs(TypeDef def, List<Integer> out) {
        remap(def, 0, i -> {
            out.add(i);
            return i;
        });
    }

    private static ValueType v(ValueType t, IntUnaryOperator map) {
        if (t == null || t instanceof PrimitiveType) return t;
        return ValueType.ref(map.applyAsInt(((ValueType.Ref) t).index()));
    }

    private static List<TypeDef.Field> fields(List<TypeDef.Field> fs, IntUnaryOperator map) {
        List<TypeDef.Field> out = new ArrayList<>(fs.size());
        for (TypeDef.Field f : fs) out.add(new TypeDef.Field(f.name(), v(f.type(), map)));
        return out;
    }

    /** {@code def} with the indices referring to the scope {@code level} levels out mapped through {@code map}. */
    static TypeDef remap(TypeDef def, int level, IntUnaryOperator map) {
        if (def instanceof TypeDef.InstanceType it) return new TypeDef.InstanceType(decls(it.declarators(), level, map));
        if (def instanceof TypeDef.ComponentType ct) return new TypeDef.ComponentType(decls(ct.declarators(), level, map));
        if (level != 0) return def;
        if (def instanceof TypeDef.Record r) return new TypeDef.Record(fields(r.fields(), map));
        if (def instanceof TypeDef.Variant r) {
            List<TypeDef.Case> cs = new ArrayList<>();
            for (TypeDef.Case c : r.cases()) cs.add(new TypeDef.Case(c.name(), v(c.type(), map)));
            return new TypeDef.Variant(cs);
        }
        if (def instanceof TypeDef.ListOf l) return new TypeDef.ListOf(v(l.element(), map), l.length());
        if (def instanceof TypeDef.Tuple t) {
            List<ValueType> ts = new ArrayList<>();
            for (ValueType x : t.types()) ts.add(v(x, map));
            return new TypeDef.Tuple(ts);
        }
        if (def instanceof TypeDef.Option o) return new TypeDef.Option(v(o.type(), map));
        if (def instanceof TypeDef.Result r) return new TypeDef.Result(v(r.ok(), map), v(r.err(), map));
        if (def instanceof TypeDef.Own o) return new TypeDef.Own(map.applyAsInt(o.resource()));
        if (def instanceof TypeDef.Borrow b) return new TypeDef.Borrow(map.applyAsInt(b.resource()));
        if (def instanceof TypeDef.Stream s) return new TypeDef.Stream(v(s.element(), map));
        if (def instanceof TypeDef.Future f) return new TypeDef.Future(v(f.element(), map));
        if (def instanceof TypeDef.Func f) return new TypeDef.Func(fields(f.params(), map), v(f.result(), map), f.async());
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
