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
}
