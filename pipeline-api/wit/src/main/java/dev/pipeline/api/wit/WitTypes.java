package dev.pipeline.api.wit;

import java.util.function.Consumer;

/** Small walks over {@link WitType} values shared by the resolver, printer and canonical ABI. */
public final class WitTypes {
    private WitTypes() {}

    /** Calls {@code action} on each type directly inside {@code type} (list element, option payload, tuple members, ...). */
    public static void forEachChild(WitType type, Consumer<WitType> action) {
        if (type instanceof WitType.ListType l) {
            action.accept(l.element());
        } else if (type instanceof WitType.FixedListType l) {
            action.accept(l.element());
        } else if (type instanceof WitType.MapType m) {
            action.accept(m.key());
            action.accept(m.value());
        } else if (type instanceof WitType.OptionType o) {
            action.accept(o.some());
        } else if (type instanceof WitType.ResultType r) {
            if (r.ok() != null) action.accept(r.ok());
            if (r.err() != null) action.accept(r.err());
        } else if (type instanceof WitType.TupleType t) {
            t.types().forEach(action);
        } else if (type instanceof WitType.FutureType f) {
            if (f.payload() != null) action.accept(f.payload());
        } else if (type instanceof WitType.StreamType s) {
            if (s.payload() != null) action.accept(s.payload());
        }
    }

    /** The type with every named-type and handle id replaced through {@code ids} (ids not in the map stay). */
    public static WitType remap(WitType t, java.util.Map<Integer, Integer> ids) {
        if (t instanceof WitType.TypeRef r) return new WitType.TypeRef(ids.getOrDefault(r.id(), r.id()));
        if (t instanceof WitType.HandleType h) return new WitType.HandleType(h.borrow(), ids.getOrDefault(h.resource(), h.resource()));
        if (t instanceof WitType.ListType l) return new WitType.ListType(remap(l.element(), ids));
        if (t instanceof WitType.FixedListType l) return new WitType.FixedListType(remap(l.element(), ids), l.length());
        if (t instanceof WitType.MapType m) return new WitType.MapType(remap(m.key(), ids), remap(m.value(), ids));
        if (t instanceof WitType.OptionType o) return new WitType.OptionType(remap(o.some(), ids));
        if (t instanceof WitType.ResultType r) {
            return new WitType.ResultType(r.ok() == null ? null : remap(r.ok(), ids), r.err() == null ? null : remap(r.err(), ids));
        }
        if (t instanceof WitType.TupleType tu) {
            java.util.List<WitType> types = new java.util.ArrayList<>();
            for (WitType x : tu.types()) types.add(remap(x, ids));
            return new WitType.TupleType(types);
        }
        if (t instanceof WitType.FutureType f) return new WitType.FutureType(f.payload() == null ? null : remap(f.payload(), ids));
        if (t instanceof WitType.StreamType st) return new WitType.StreamType(st.payload() == null ? null : remap(st.payload(), ids));
        return t;
    }

    /**
     * Whether two types, each in its own model, have the same structure: names of named types do not matter (their
     * definitions are compared), field, case and label names do; two resources are alike.
     */
    public static boolean sameStructure(Resolve ra, WitType a, Resolve rb, WitType b) {
        return same(ra, a, rb, b, 0);
    }

    private static boolean same(Resolve ra, WitType a, Resolve rb, WitType b, int depth) {
        if (depth > 200) throw new dev.pipeline.api.diag.PipelineException("types nest deeper than 200 levels");
        if (a == null || b == null) return a == b;
        a = ra.dealias(a);
        b = rb.dealias(b);
        if (a instanceof WitType.TypeRef x && b instanceof WitType.TypeRef y) {
            return sameKind(ra, ra.type(x.id()).kind(), rb, rb.type(y.id()).kind(), depth + 1);
        }
        if (a instanceof WitType.TypeRef || b instanceof WitType.TypeRef) return false;
        if (a.getClass() != b.getClass()) return false;
        if (a instanceof WitType.HandleType x) {
            WitType.HandleType y = (WitType.HandleType) b;
            return x.borrow() == y.borrow() && ra.dealiasDef(x.resource()).kind() instanceof TypeDefKind.ResourceDef
                    && rb.dealiasDef(y.resource()).kind() instanceof TypeDefKind.ResourceDef;
        }
        if (a instanceof WitType.FixedListType x && x.length() != ((WitType.FixedListType) b).length()) return false;
        java.util.List<WitType> ca = new java.util.ArrayList<>(), cb = new java.util.ArrayList<>();
        forEachChild(a, ca::add);
        forEachChild(b, cb::add);
        if (a instanceof WitType.ResultType x) {
            WitType.ResultType y = (WitType.ResultType) b;
            if ((x.ok() == null) != (y.ok() == null) || (x.err() == null) != (y.err() == null)) return false;
        }
        if (ca.size() != cb.size()) return false;
        for (int i = 0; i < ca.size(); i++) if (!same(ra, ca.get(i), rb, cb.get(i), depth + 1)) return false;
        return a instanceof WitType.Primitive ? a == b : true;
    }

    private static boolean sameKind(Resolve ra, TypeDefKind a, Resolve rb, TypeDefKind b, int depth) {
        if (a.getClass() != b.getClass()) return false;
        if (a instanceof TypeDefKind.RecordDef x) {
            java.util.List<TypeDefKind.Field> f = x.fields(), g = ((TypeDefKind.RecordDef) b).fields();
            if (f.size() != g.size()) return false;
            for (int i = 0; i < f.size(); i++) {
                if (!f.get(i).name().equals(g.get(i).name()) || !same(ra, f.get(i).type(), rb, g.get(i).type(), depth)) return false;
            }
            return true;
        }
        if (a instanceof TypeDefKind.VariantDef x) {
            java.util.List<TypeDefKind.Case> f = x.cases(), g = ((TypeDefKind.VariantDef) b).cases();
            if (f.size() != g.size()) return false;
            for (int i = 0; i < f.size(); i++) {
                if (!f.get(i).name().equals(g.get(i).name()) || !same(ra, f.get(i).type(), rb, g.get(i).type(), depth)) return false;
            }
            return true;
        }
        if (a instanceof TypeDefKind.EnumDef x) return names(x.cases()).equals(names(((TypeDefKind.EnumDef) b).cases()));
        if (a instanceof TypeDefKind.FlagsDef x) return names(x.flags()).equals(names(((TypeDefKind.FlagsDef) b).flags()));
        if (a instanceof TypeDefKind.AliasDef x) return same(ra, x.target(), rb, ((TypeDefKind.AliasDef) b).target(), depth);
        return true; // two resources
    }

    private static java.util.List<String> names(java.util.List<TypeDefKind.Label> labels) {
        return labels.stream().map(TypeDefKind.Label::name).toList();
    }
}
