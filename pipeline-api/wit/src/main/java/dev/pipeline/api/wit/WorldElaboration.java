package dev.pipeline.api.wit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.WitType.TypeRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Completes a world's imports and exports the way wit-parser does. Imports are ordered by class (interfaces, types
 * brought in by {@code use}, type definitions, functions, resource functions) and every interface an item depends on
 * is imported just before it. Exports list functions first, then interfaces, each after the exported interfaces it
 * depends on; a dependency that is not exported is imported, and an interface that would have to be both is an error.
 */
final class WorldElaboration {
    private final Resolve resolve;
    private final Map<String, WorldItem> imports = new LinkedHashMap<>();
    private final Map<String, WorldItem> exports = new LinkedHashMap<>();
    private final Map<String, WorldItem> exportInterfaces = new LinkedHashMap<>();
    private final Set<Integer> requiredImports = new HashSet<>();

    private WorldElaboration(Resolve resolve) {
        this.resolve = resolve;
    }

    /** Rewrites the world's imports and exports; {@code error} makes the diagnostic for an export that cannot be satisfied. */
    static void elaborate(Resolve resolve, WitWorld world, Function<String, PipelineException> error) {
        WorldElaboration e = new WorldElaboration(resolve);
        for (Map.Entry<String, WorldItem> item : byClass(resolve, world.imports)) e.addImport(item.getKey(), item.getValue());
        for (Map.Entry<String, WorldItem> item : world.exports.entrySet()) {
            if (item.getValue() instanceof WorldItem.InterfaceItem) e.exportInterfaces.put(item.getKey(), item.getValue());
            else e.exports.put(item.getKey(), item.getValue());
        }
        for (Map.Entry<String, WorldItem> item : e.exportInterfaces.entrySet()) {
            if (!e.addExport(item.getKey(), (WorldItem.InterfaceItem) item.getValue(), true)) {
                throw error.apply("export `" + item.getKey() + "` needs an interface both imported and exported: "
                        + "an interface it uses is imported but depends on an interface the world exports");
            }
        }
        world.imports.clear();
        for (Map.Entry<String, WorldItem> item : byClass(resolve, e.imports)) world.imports.put(item.getKey(), item.getValue());
        world.exports.clear();
        world.exports.putAll(e.exports);
    }

    /** The entries in a stable order by class: interfaces, used types, defined types, functions, resource functions. */
    private static List<Map.Entry<String, WorldItem>> byClass(Resolve resolve, Map<String, WorldItem> items) {
        List<Map.Entry<String, WorldItem>> out = new ArrayList<>(items.entrySet());
        out.sort(Comparator.comparingInt(entry -> classOf(resolve, entry.getValue())));
        return out;
    }

    private static int classOf(Resolve resolve, WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem) return 0;
        if (item instanceof WorldItem.TypeItem t) return interfaceOfUse(resolve, t.typeId()) >= 0 ? 1 : 2;
        return ((WorldItem.FunctionItem) item).function().isResourceFunction() ? 4 : 3;
    }

    /** The interface a type brought in by {@code use} comes from, or -1. */
    private static int interfaceOfUse(Resolve resolve, int typeId) {
        TypeDef def = resolve.type(typeId);
        if (def.kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof TypeRef r
                && !resolve.type(r.id()).owner().equals(def.owner())
                && resolve.type(r.id()).owner() instanceof TypeOwner.OfInterface o) {
            return o.interfaceId();
        }
        return -1;
    }

    private void addImport(String key, WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem i) {
            importInterface(key, i);
            return;
        }
        if (item instanceof WorldItem.TypeItem t) {
            int dep = interfaceOfUse(resolve, t.typeId());
            if (dep >= 0) importInterface(resolve.interfaceName(dep), new WorldItem.InterfaceItem(dep, null, null, t.stability()));
        }
        imports.put(key, item);
    }

    private void importInterface(String key, WorldItem.InterfaceItem item) {
        if (imports.containsKey(key)) return;
        for (int dep : resolve.iface(item.interfaceId()).uses) {
            importInterface(resolve.interfaceName(dep), new WorldItem.InterfaceItem(dep, null, null, item.stability()));
        }
        imports.put(key, item);
    }

    /** Adds an export (or, for a dependency that is not exported, an import) after what it depends on. */
    private boolean addExport(String key, WorldItem.InterfaceItem item, boolean asExport) {
        if (exports.containsKey(key)) return asExport;
        int id = item.interfaceId();
        if (!asExport && requiredImports.contains(id)) return true;
        for (int dep : resolve.iface(id).uses) {
            String depKey = resolve.interfaceName(dep);
            WorldItem.InterfaceItem depItem = new WorldItem.InterfaceItem(dep, null, null, item.stability());
            if (!addExport(depKey, depItem, asExport && exportInterfaces.containsKey(depKey))) return false;
        }
        if (asExport) {
            if (requiredImports.contains(id)) return false;
            exports.put(key, item);
        } else {
            requiredImports.add(id);
            imports.putIfAbsent(key, item);
        }
        return true;
    }
}
