package dev.pipeline.api.component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The imports of the nested component that re-exports an exported interface, and the instantiation arguments that
 * satisfy them. Types the interface uses from other interfaces are declared again inside the nested component, in
 * terms of its own indices: a component may import a type with an {@code (eq T)} bound only if every type {@code T}
 * refers to is itself named (imported) there, so each named type they depend on, transitively, is imported first
 * and anonymous ones (lists, options, tuples, ...) are rebuilt locally.
 */
final class ShimImports {
    private final ComponentBuilder nested = new ComponentBuilder();
    private final List<ComponentInstance.Arg> args = new ArrayList<>();
    private final Set<Integer> named = new HashSet<>();
    private final Map<TypeScope.Entry, Integer> foreign = new IdentityHashMap<>();
    private final ToIntFunction<TypeScope.Entry> outerType;

    /** {@code outerType} gives the enclosing component's type index for a named type of another interface. */
    ShimImports(ToIntFunction<TypeScope.Entry> outerType) { this.outerType = outerType; }

    ComponentBuilder nested() { return nested; }

    List<ComponentInstance.Arg> args() { return args; }

    /** Whether the nested type index was introduced by an import (so it is named there). */
    boolean named(int nestedType) { return named.contains(nestedType); }

    /** Imports a type (eq bound or resource) satisfied by the enclosing component's type {@code outer}. */
    int importType(ExternType type, int outer) {
        String name = "import-type-t" + args.size();
        int idx = nested.importItem(ExternName.of(name), type);
        args.add(new ComponentInstance.Arg(name, Sort.TYPE, outer));
        named.add(idx);
        return idx;
    }

    /** Imports a function of the given nested type, satisfied by the enclosing component's function {@code outer}. */
    int importFunc(int funcType, int outer) {
        String name = "import-func-f" + args.size();
        int idx = nested.importItem(ExternName.of(name), ExternType.func(funcType));
        args.add(new ComponentInstance.Arg(name, Sort.FUNC, outer));
        return idx;
    }

    /**
     * The nested type index standing for {@code entry}, a type of another interface: named types (and resources)
     * are imported, after everything they refer to; anonymous ones are defined. Each entry is declared once.
     */
    int foreignType(TypeScope.Entry entry) {
        Integer known = foreign.get(entry);
        if (known != null) return known;
        int idx;
        if (entry instanceof TypeScope.Defined d) {
            DefType local = TypeRemapper.remap(d.def(), 0, i -> foreignType(d.scope().type(i)));
            idx = nested.type(local);
            if (d.scope().nameOf(entry) != null) idx = importType(ExternType.typeEq(idx), outerType.applyAsInt(entry));
        } else {
            idx = importType(ExternType.resource(), outerType.applyAsInt(entry));
        }
        foreign.put(entry, idx);
        return idx;
    }
}
