package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves type indices of one scope (a component, component type or instance type) to what they stand for,
 * following aliases, outer references and instance exports. Resources keep their identity: every
 * {@code (sub resource)} export or resource definition is one {@link ResourceEntry}.
 */
public final class TypeScope {

    /** What a type index resolves to. */
    public sealed interface Entry permits Defined, ResourceEntry {}

    /** A type definition together with the scope its indices refer to. */
    public record Defined(DefType def, TypeScope scope) implements Entry {}

    /** An abstract resource type, identified by object identity; {@code name} is its first exported name. */
    public static final class ResourceEntry implements Entry {
        public final String name;

        public ResourceEntry(String name) { this.name = name; }

        @Override
        public String toString() { return "resource " + name; }
    }

    /**
     * An instance: the types and functions it exports, in declaration order, and for a type it re-exports from another
     * instance (a WIT {@code use}), where it took it from.
     */
    public record Instance(Map<String, Entry> types, Map<String, Defined> funcs, Map<String, Source> sources) {
        public Instance() { this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>()); }
    }

    /** The instance and export name a type index was aliased from. */
    public record Source(Instance instance, String name) {}

    private final TypeScope parent;
    private final List<Entry> types = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    /** Names under which entries were imported or exported in this scope (first name wins). */
    private final Map<Entry, String> names = new LinkedHashMap<>();
    private final Map<String, Entry> exportedTypes = new LinkedHashMap<>();
    private final Map<String, Entry> importedTypes = new LinkedHashMap<>();
    private final Map<String, Defined> exportedFuncs = new LinkedHashMap<>();
    private final Map<String, Defined> importedFuncs = new LinkedHashMap<>();
    private final Map<String, Instance> importedInstances = new LinkedHashMap<>();
    private final Map<String, Instance> exportedInstances = new LinkedHashMap<>();
    /** The name each type index was imported or exported under here, and where aliased indices came from. */
    private final Map<Integer, String> indexNames = new java.util.HashMap<>();
    private final Map<Integer, Source> indexSources = new java.util.HashMap<>();
    private final Map<String, Source> exportSources = new LinkedHashMap<>();

    public TypeScope(TypeScope parent) { this.parent = parent; }

    /** A scope filled from the declarators of a component or instance type. */
    public static TypeScope of(TypeScope parent, List<Declarator> declarators) {
        TypeScope s = new TypeScope(parent);
        for (Declarator d : declarators) s.declare(d);
        return s;
    }

    public TypeScope parent() { return parent; }

    public int typeCount() { return types.size(); }

    public int instanceCount() { return instances.size(); }

    public Entry type(int index) {
        if (index < 0 || index >= types.size()) {
            throw new PipelineException("type index " + index + " out of range (" + types.size() + " types in scope)");
        }
        return types.get(index);
    }

    public Instance instance(int index) {
        if (index < 0 || index >= instances.size()) {
            throw new PipelineException("instance index " + index + " out of range (" + instances.size() + " instances)");
        }
        return instances.get(index);
    }

    /** The name an entry was imported or exported under in this scope or an enclosing one, or null. */
    public String nameOf(Entry e) {
        for (TypeScope s = this; s != null; s = s.parent) {
            String n = s.names.get(e);
            if (n != null) return n;
        }
        return null;
    }

    public Map<String, Entry> exportedTypes() { return exportedTypes; }

    /** The name type index {@code index} was imported or exported under in this scope, or null. */
    public String nameOfIndex(int index) { return indexNames.get(index); }

    public Map<String, Entry> importedTypes() { return importedTypes; }

    public Map<String, Defined> exportedFuncs() { return exportedFuncs; }

    public Map<String, Defined> importedFuncs() { return importedFuncs; }

    public Map<String, Instance> importedInstances() { return importedInstances; }

    public Map<String, Instance> exportedInstances() { return exportedInstances; }

    /** Adds a type defined in this scope (type section entry or type declarator); returns its index. */
    public int addType(DefType def) {
        List<Integer> refs = new ArrayList<>();
        TypeRemapper.valueRefs(def, refs);
        for (int r : refs) {
            if (r < 0 || r >= types.size()) {
                throw new PipelineException("type " + types.size() + " refers to type " + r
                        + ", which is not defined before it");
            }
        }
        Entry e = def instanceof DefType.Resource ? new ResourceEntry(null) : new Defined(def, this);
        types.add(e);
        return types.size() - 1;
    }

    /** Adds an existing entry (an alias) as a new type index. */
    public int addType(Entry e) {
        types.add(e);
        return types.size() - 1;
    }

    public int addInstance(Instance i) {
        instances.add(i);
        return instances.size() - 1;
    }

    /** Resolves an alias in this scope and adds it to the right index space; returns the new index or -1. */
    public int addAlias(Alias a) {
        if (a instanceof Alias.Outer o) {
            TypeScope target = this;
            for (int i = 0; i < o.count(); i++) {
                target = target.parent;
                if (target == null) throw new PipelineException("outer alias reaches beyond the outermost scope");
            }
            if (o.sort() == Sort.TYPE) {
                int index = addType(target.type(o.index()));
                Source from = target.indexSources.get(o.index());
                if (from != null) indexSources.put(index, from);
                return index;
            }
            return -1;
        }
        if (a instanceof Alias.InstanceExport x) {
            Instance inst = instance(x.instance());
            if (x.sort() == Sort.TYPE) {
                Entry e = inst.types().get(x.name());
                if (e == null) throw new PipelineException("instance " + x.instance() + " exports no type `" + x.name() + "`");
                int index = addType(e);
                indexSources.put(index, new Source(inst, x.name()));
                return index;
            }
            return -1;
        }
        return -1;
    }

    /** Applies one declarator of a component or instance type to this scope. */
    public void declare(Declarator d) {
        if (d instanceof Declarator.Type t) {
            addType(t.def());
        } else if (d instanceof Declarator.AliasDecl a) {
            addAlias(a.alias());
        } else if (d instanceof Declarator.Import i) {
            item(i.name().name(), i.type(), true);
        } else if (d instanceof Declarator.Export e) {
            item(e.name().name(), e.type(), false);
        }
    }

    /** Records an import or export of the given extern type under {@code name}. */
    public void item(String name, ExternType t, boolean imported) {
        switch (t.sort()) {
            case TYPE -> {
                Entry e = t.subResource() ? new ResourceEntry(name) : type(t.index());
                names.putIfAbsent(e, name);
                (imported ? importedTypes : exportedTypes).put(name, e);
                Source from = t.subResource() ? null : indexSources.get(t.index());
                if (from != null && !imported) exportSources.put(name, from);
                indexNames.put(addType(e), name);
            }
            case FUNC -> {
                Defined f = funcType(t.index());
                (imported ? importedFuncs : exportedFuncs).put(name, f);
            }
            case INSTANCE -> {
                Instance inst = instantiate(type(t.index()));
                (imported ? importedInstances : exportedInstances).put(name, inst);
                addInstance(inst);
            }
            default -> { }
        }
    }

    /** The function type at {@code index}. */
    public Defined funcType(int index) {
        Entry e = type(index);
        if (e instanceof Defined d && d.def() instanceof DefType.Func) return d;
        throw new PipelineException("type " + index + " is not a function type");
    }

    /** The exports of an instance of the given instance type. */
    public static Instance instantiate(Entry instanceType) {
        if (!(instanceType instanceof Defined d) || !(d.def() instanceof DefType.InstanceType it)) {
            throw new PipelineException("expected an instance type");
        }
        TypeScope inner = of(d.scope(), it.declarators());
        return new Instance(inner.exportedTypes, inner.exportedFuncs, inner.exportSources);
    }

    /** Resolves a value type to a primitive or a defined entry. */
    public Object resolve(ValueType v) {
        if (v instanceof PrimitiveType p) return p;
        return type(((ValueType.Ref) v).index());
    }
}
