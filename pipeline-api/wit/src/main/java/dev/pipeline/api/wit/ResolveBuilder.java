package dev.pipeline.api.wit;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Resolve} item by item, for models that do not come from WIT text (a component's types, decoded).
 * Types are added first by name and owner and given their definition later, so definitions may refer to types in any
 * order; {@link #build} checks that every type has one and computes the interfaces' {@code use} lists and the
 * topological order of the types.
 */
public final class ResolveBuilder {
    private final Resolve resolve = new Resolve();
    private final Map<PackageName, Integer> packagesByName = new HashMap<>();
    private boolean built;

    /** The id of the package with this name, added when it is new. */
    public int pkg(PackageName name) {
        return packagesByName.computeIfAbsent(name, n -> {
            resolve.packages.add(new WitPackage(resolve.packages.size(), n, null));
            return resolve.packages.size() - 1;
        });
    }

    /** Adds an interface to a package: named, or (name null) anonymous, as written inline in a world. */
    public int addInterface(int packageId, String nameOrNull) {
        int id = resolve.interfaces.size();
        resolve.interfaces.add(new WitInterface(id, nameOrNull, packageId, null, Stability.UNKNOWN));
        if (nameOrNull != null) resolve.pkg(packageId).interfaces.put(nameOrNull, id);
        return id;
    }

    /** Adds an (empty) world to a package. */
    public int addWorld(int packageId, String name) {
        int id = resolve.worlds.size();
        resolve.worlds.add(new WitWorld(id, name, packageId, null, Stability.UNKNOWN));
        resolve.pkg(packageId).worlds.put(name, id);
        return id;
    }

    /** Adds a named type to its owner (an interface lists it under its name); {@link #define} gives its definition. */
    public int addType(String name, TypeOwner owner) {
        int id = resolve.types.size();
        resolve.types.add(new TypeDef(id, name, owner, null, Stability.UNKNOWN));
        if (owner instanceof TypeOwner.OfInterface o) resolve.iface(o.interfaceId()).types.put(name, id);
        return id;
    }

    /** Sets what a type added with {@link #addType} is. */
    public void define(int typeId, TypeDefKind kind) {
        resolve.type(typeId).setKind(kind);
    }

    /** The ids of an interface's types by name, as added so far. */
    public Map<String, Integer> typesOf(int interfaceId) {
        return resolve.iface(interfaceId).types();
    }

    /** Adds a function to an interface, under its component-level name ({@code [method]r.m} for a method). */
    public void addFunction(int interfaceId, String key, WitFunction f) {
        resolve.iface(interfaceId).functions.put(key, f);
    }

    /** Adds an import of a world. */
    public void addImport(int worldId, String key, WorldItem item) {
        resolve.world(worldId).imports.put(key, item);
    }

    /** Adds an export of a world. */
    public void addExport(int worldId, String key, WorldItem item) {
        resolve.world(worldId).exports.put(key, item);
    }

    /** The finished model, with {@code rootPackage} as the package its world selection looks in. Call once. */
    public Resolve build(int rootPackage) {
        if (built) throw new IllegalStateException("build() was called already");
        built = true;
        resolve.rootPackage = rootPackage;
        for (TypeDef def : resolve.types) {
            if (def.kind() == null) throw new PipelineException("type `" + def.name() + "` has no definition");
            if (def.owner() instanceof TypeOwner.OfInterface o && def.kind() instanceof TypeDefKind.AliasDef a
                    && a.target() instanceof WitType.TypeRef r
                    && resolve.type(r.id()).owner() instanceof TypeOwner.OfInterface from
                    && from.interfaceId() != o.interfaceId()) {
                resolve.iface(o.interfaceId()).uses.add(from.interfaceId());
            }
        }
        int[] state = new int[resolve.types.size()]; // 0 new, 1 on the path, 2 done
        for (int id = 0; id < state.length; id++) visit(id, state);
        return resolve;
    }

    private void visit(int id, int[] state) {
        if (state[id] == 2) return;
        if (state[id] == 1) throw new PipelineException("type `" + resolve.type(id).name() + "` refers to itself");
        state[id] = 1;
        List<Integer> refs = new ArrayList<>();
        TypeDefKind kind = resolve.type(id).kind();
        if (kind instanceof TypeDefKind.RecordDef r) r.fields().forEach(f -> refs(f.type(), refs));
        if (kind instanceof TypeDefKind.VariantDef v) v.cases().forEach(c -> refs(c.type(), refs));
        if (kind instanceof TypeDefKind.AliasDef a) refs(a.target(), refs);
        for (int r : refs) visit(r, state);
        state[id] = 2;
        resolve.topologicalTypes.add(id);
    }

    private static void refs(WitType t, List<Integer> out) {
        if (t instanceof WitType.TypeRef r) out.add(r.id());
        else if (t instanceof WitType.HandleType h) out.add(h.resource());
        else if (t != null) WitTypes.forEachChild(t, x -> refs(x, out));
    }
}
