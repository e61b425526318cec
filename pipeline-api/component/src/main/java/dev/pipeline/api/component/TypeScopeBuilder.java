package dev.pipeline.api.component;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the declarators of a component type or instance type while keeping count of its type and instance index
 * spaces, so callers get indices back instead of computing them. Used to encode WIT worlds and interfaces.
 */
public final class TypeScopeBuilder {
    private final List<Declarator> declarators = new ArrayList<>();
    private int types;
    private int instances;

    public List<Declarator> declarators() { return declarators; }

    public int typeCount() { return types; }

    /** Defines a type; returns its index. */
    public int define(DefType def) {
        declarators.add(new Declarator.Type(def));
        return types++;
    }

    /** Exports (names) a type; the export introduces and returns a new index that should be used from now on. */
    public int exportType(String name, int typeIndex) {
        declarators.add(new Declarator.Export(ExternName.of(name), ExternType.typeEq(typeIndex)));
        return types++;
    }

    /** Defines and exports a named type in one step; returns the exported index. */
    public int exportType(String name, DefType def) { return exportType(name, define(def)); }

    /** Exports an abstract resource type; returns its index. */
    public int exportResource(String name) {
        declarators.add(new Declarator.Export(ExternName.of(name), ExternType.resource()));
        return types++;
    }

    /** Imports a named type (component types only): {@code (import "name" (type (eq i)))}. */
    public int importType(String name, int typeIndex) {
        declarators.add(new Declarator.Import(ExternName.of(name), ExternType.typeEq(typeIndex)));
        return types++;
    }

    /** Imports an abstract resource type (component types only). */
    public int importResource(String name) {
        declarators.add(new Declarator.Import(ExternName.of(name), ExternType.resource()));
        return types++;
    }

    public void exportFunc(String name, DefType.Func type) {
        int t = define(type);
        declarators.add(new Declarator.Export(ExternName.of(name), ExternType.func(t)));
    }

    public void importFunc(String name, DefType.Func type) {
        int t = define(type);
        declarators.add(new Declarator.Import(ExternName.of(name), ExternType.func(t)));
    }

    /** Imports an instance of the given type (component types only); returns the instance index. */
    public int importInstance(String name, DefType.InstanceType type) {
        int t = define(type);
        declarators.add(new Declarator.Import(ExternName.of(name), ExternType.instance(t)));
        return instances++;
    }

    public int exportInstance(String name, DefType.InstanceType type) {
        int t = define(type);
        declarators.add(new Declarator.Export(ExternName.of(name), ExternType.instance(t)));
        return instances++;
    }

    /** {@code (alias export instance "name" (type))}; returns the new type index. */
    public int aliasType(int instance, String name) {
        declarators.add(new Declarator.AliasDecl(new Alias.InstanceExport(Sort.TYPE, instance, name)));
        return types++;
    }

    /** {@code (alias outer count index (type))}; returns the new type index. */
    public int aliasOuterType(int count, int index) {
        declarators.add(new Declarator.AliasDecl(new Alias.Outer(Sort.TYPE, count, index)));
        return types++;
    }

    public DefType.InstanceType instanceType() { return new DefType.InstanceType(List.copyOf(declarators)); }

    public DefType.ComponentType componentType() { return new DefType.ComponentType(List.copyOf(declarators)); }
}
