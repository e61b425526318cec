package dev.pipeline.api.wit;

import dev.pipeline.api.wit.WitType.TypeRef;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes a world's imports the way wit-parser does: every interface an import or export depends on (through
 * {@code use}) is imported just before the item that needs it, unless an export provides it.
 */
final class WorldElaboration {
    private WorldElaboration() {}

    /** Imports every interface that an import or export depends on, just before the item that needs it. */
    static void elaborate(Resolve resolve, WitWorld world) {
        Map<String, WorldItem> imports = new LinkedHashMap<>();
        for (Map.Entry<String, WorldItem> e : world.imports.entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.InterfaceItem i) {
                importDependencies(resolve, imports, resolve.iface(i.interfaceId()).uses, Set.of());
            } else if (item instanceof WorldItem.TypeItem t
                    && resolve.type(t.typeId()).kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof TypeRef r
                    && resolve.type(r.id()).owner() instanceof TypeOwner.OfInterface o) {
                importDependencies(resolve, imports, List.of(o.interfaceId()), Set.of());
            }
            imports.put(e.getKey(), item);
        }
        Set<Integer> exported = new HashSet<>();
        for (WorldItem item : world.exports.values()) {
            if (item instanceof WorldItem.InterfaceItem i) exported.add(i.interfaceId());
        }
        for (WorldItem item : world.exports.values()) {
            if (item instanceof WorldItem.InterfaceItem i) importDependencies(resolve, imports, resolve.iface(i.interfaceId()).uses, exported);
        }
        // an exported interface that other exports use is taken from the export, not imported as well
        Set<Integer> usedByExports = new HashSet<>();
        for (WorldItem item : world.exports.values()) {
            if (item instanceof WorldItem.InterfaceItem i) usedByExports.addAll(resolve.iface(i.interfaceId()).uses);
        }
        Set<Integer> usedByImports = new HashSet<>();
        for (WorldItem item : imports.values()) {
            if (item instanceof WorldItem.InterfaceItem i) usedByImports.addAll(resolve.iface(i.interfaceId()).uses);
        }
        imports.entrySet().removeIf(e -> e.getValue() instanceof WorldItem.InterfaceItem i && i.plainName() == null
                && exported.contains(i.interfaceId()) && usedByExports.contains(i.interfaceId())
                && !usedByImports.contains(i.interfaceId()));
        world.imports.clear();
        world.imports.putAll(imports);
    }

    private static void importDependencies(Resolve resolve, Map<String, WorldItem> imports, Iterable<Integer> deps,
                                           Set<Integer> skip) {
        for (int dep : deps) {
            if (skip.contains(dep)) continue;
            String key = resolve.interfaceName(dep);
            if (key == null || imports.containsKey(key)) continue;
            importDependencies(resolve, imports, resolve.iface(dep).uses, skip);
            imports.put(key, new WorldItem.InterfaceItem(dep, null, null, Stability.UNKNOWN));
        }
    }
}
