package dev.pipeline.api.world;

import dev.pipeline.api.component.Alias;
import dev.pipeline.api.component.Declarator;
import dev.pipeline.api.component.ExternName;
import dev.pipeline.api.component.ExternType;
import dev.pipeline.api.component.Sort;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarators of one component or instance type under construction, with its type and instance index counters
 * and the memo tables that let a WIT type or function signature be defined only once in this scope.
 */
final class TypeSpace {
    /** A function signature as wit-component deduplicates it: parameter names and types, and the result. */
    record SignatureKey(List<WitFunction.Param> params, WitType result) {}

    private final List<Declarator> declarators = new ArrayList<>();
    private int typeCount;
    private int instanceCount;

    /** Named WIT type id → index of the type in this scope. */
    final Map<Integer, Integer> namedTypes = new HashMap<>();
    /** Anonymous WIT type (list, option, handle, ...) by structure → index of the type in this scope. */
    final Map<WitType, Integer> anonymousTypes = new HashMap<>();
    /** Function signature → index of its function type in this scope. */
    final Map<SignatureKey, Integer> functionTypes = new HashMap<>();

    List<Declarator> declarators() { return declarators; }

    /** Adds a type definition; returns its type index. */
    int define(DefType def) {
        declarators.add(new Declarator.Type(def));
        return typeCount++;
    }

    /** Adds a type alias; returns the type index it introduces. */
    int alias(Alias alias) {
        declarators.add(new Declarator.AliasDecl(alias));
        return typeCount++;
    }

    /** Adds an import ({@code imported}) or export of an item; returns the index it introduces in its sort's space. */
    int declare(boolean imported, ExternName name, ExternType type) {
        declarators.add(imported ? new Declarator.Import(name, type) : new Declarator.Export(name, type));
        if (type.sort() == Sort.TYPE) return typeCount++;
        if (type.sort() == Sort.INSTANCE) return instanceCount++;
        return -1;
    }

    /** The index the next instance import or export will get. */
    int nextInstanceIndex() { return instanceCount; }
}
