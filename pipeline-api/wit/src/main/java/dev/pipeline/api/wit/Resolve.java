package dev.pipeline.api.wit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The resolved WIT model: packages, interfaces, worlds and named types, each addressed by a stable id (its index
 * here). Built by {@link WitLoader}; read-only for everyone else.
 */
public final class Resolve {
    final List<WitPackage> packages = new ArrayList<>();
    final List<WitInterface> interfaces = new ArrayList<>();
    final List<WitWorld> worlds = new ArrayList<>();
    final List<TypeDef> types = new ArrayList<>();
    final List<Integer> topologicalTypes = new ArrayList<>();
    int rootPackage = -1;

    Resolve() {}

    /** Packages in dependency order (a package comes after those it uses). */
    public List<WitPackage> packages() { return Collections.unmodifiableList(packages); }

    /** Interfaces in dependency order. */
    public List<WitInterface> interfaces() { return Collections.unmodifiableList(interfaces); }

    public List<WitWorld> worlds() { return Collections.unmodifiableList(worlds); }

    /** Named type definitions by id. */
    public List<TypeDef> types() { return Collections.unmodifiableList(types); }

    public WitPackage pkg(int id) { return packages.get(id); }

    public WitInterface iface(int id) { return interfaces.get(id); }

    public WitWorld world(int id) { return worlds.get(id); }

    public TypeDef type(int id) { return types.get(id); }

    /** The package the loaded path declares (the one world selection looks in). */
    public WitPackage rootPackage() { return packages.get(rootPackage); }

    /** Type ids ordered so that every definition comes after the definitions it refers to. */
    public List<Integer> typesInTopologicalOrder() { return Collections.unmodifiableList(topologicalTypes); }

    /** The full name of an interface ({@code ns:pkg/name@version}), or null for an inline interface. */
    public String interfaceName(int interfaceId) {
        WitInterface i = iface(interfaceId);
        return i.name() == null ? null : pkg(i.packageId()).name().qualify(i.name());
    }

    /** The full name of a world ({@code ns:pkg/name@version}). */
    public String worldName(int worldId) {
        WitWorld w = world(worldId);
        return pkg(w.packageId()).name().qualify(w.name());
    }

    /** Follows aliases (including names brought in by {@code use}) to the type they stand for. */
    public WitType dealias(WitType type) {
        WitType t = type;
        for (int guard = 0; guard <= types.size() && t instanceof WitType.TypeRef ref; guard++) {
            if (!(type(ref.id()).kind() instanceof TypeDefKind.AliasDef alias)) return t;
            t = alias.target();
        }
        return t;
    }

    /** Follows aliases from a type id to the definition that is not an alias (e.g. the resource itself). */
    public TypeDef dealiasDef(int typeId) {
        int id = typeId;
        for (int guard = 0; guard <= types.size(); guard++) {
            TypeDef def = type(id);
            if (def.kind() instanceof TypeDefKind.AliasDef alias && alias.target() instanceof WitType.TypeRef ref) {
                id = ref.id();
            } else {
                return def;
            }
        }
        return type(id);
    }

    /** The constructor, methods and static functions of a resource, from the interface (or world imports) that define it. */
    public List<WitFunction> resourceFunctions(int resourceTypeId) {
        TypeDef def = dealiasDef(resourceTypeId);
        List<WitFunction> out = new ArrayList<>();
        if (def.owner() instanceof TypeOwner.OfInterface o) {
            for (WitFunction f : iface(o.interfaceId()).functions().values()) {
                if (f.isResourceFunction() && f.resource() == def.id()) out.add(f);
            }
        } else if (def.owner() instanceof TypeOwner.OfWorld w) {
            for (WorldItem item : world(w.worldId()).imports().values()) {
                if (item instanceof WorldItem.FunctionItem fi && fi.function().isResourceFunction()
                        && fi.function().resource() == def.id()) {
                    out.add(fi.function());
                }
            }
        }
        return out;
    }

    /**
     * This model with a separate copy of each interface that world {@code worldId} both imports and exports, used by
     * the export (same names, new ids), so that the two sides have distinct types and resources; this model itself
     * when there is none.
     */
    public Resolve withDistinctExports(int worldId) {
        return ExportCopies.apply(this, worldId);
    }

    /** The component-level name of a function ({@code [method]r.m} etc.). */
    public String functionName(WitFunction f) {
        return f.isResourceFunction() ? f.fullName(type(f.resource()).name()) : f.name();
    }

    /**
     * Picks a world: by plain name in the root package, by full name ({@code ns:pkg/world@version}, the version may be
     * left out when only one version is loaded) anywhere, or (name null) the root package's only world. The error
     * lists the worlds there are.
     */
    public WitWorld selectWorld(String nameOrNull) {
        WitPackage root = rootPackage();
        List<String> available = new ArrayList<>(root.worlds().keySet());
        if (available.isEmpty()) {
            for (WitWorld w : worlds) available.add(worldName(w.id()));
        }
        if (nameOrNull == null || nameOrNull.isBlank()) {
            if (root.worlds().size() == 1) return world(root.worlds().values().iterator().next());
            String message = root.worlds().isEmpty()
                    ? "package " + root.name() + " has no world"
                    : "package " + root.name() + " has " + root.worlds().size() + " worlds; choose one";
            throw new PipelineException(null, message, available.isEmpty() ? "define a `world` in the package"
                    : (root.worlds().isEmpty() ? "worlds of other packages, by full name: " : "available worlds: ")
                    + String.join(", ", available));
        }
        if (nameOrNull.contains(":")) {
            for (WitWorld w : worlds) if (worldName(w.id()).equals(nameOrNull)) return w;
            List<WitWorld> anyVersion = new ArrayList<>();
            for (WitWorld w : worlds) {
                PackageName p = pkg(w.packageId()).name();
                if ((p.unversioned() + "/" + w.name()).equals(nameOrNull)) anyVersion.add(w);
            }
            if (anyVersion.size() == 1) return anyVersion.get(0);
        } else {
            Integer id = root.worlds().get(nameOrNull);
            if (id != null) return world(id);
        }
        String suggestion = Suggestions.didYouMean(nameOrNull, available);
        throw new PipelineException(null, "no world named `" + nameOrNull + "` in package " + root.name(),
                (suggestion == null ? "" : suggestion + " ") + "available worlds: " + String.join(", ", available)
                        + (nameOrNull.contains(":") ? "" : "; name a world of another package in full, e.g. ns:pkg/world@1.0.0"));
    }
}
