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
}
