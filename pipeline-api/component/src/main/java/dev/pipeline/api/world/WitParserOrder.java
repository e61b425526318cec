package dev.pipeline.api.world;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitTypes;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import dev.pipeline.api.wit.TypeDef;

/**
 * The order in which wit-parser (the resolver behind wit-component) holds a world's items and an interface's types;
 * the component type's bytes follow it. Our resolver keeps source order; wit-parser differs in three ways:
 * <ul>
 *   <li>named types of an interface or world are sorted topologically (a type after the types it names; among the
 *       ready ones, the earliest in the source first), after the names brought in by {@code use};</li>
 *   <li>world imports are grouped: interfaces, then types taken with {@code use}, other types, freestanding
 *       functions, resource functions (a stable sort);</li>
 *   <li>world exports list functions first, then interfaces, each after the exported interfaces it uses.</li>
 * </ul>
 * Known gap: {@code use} statements are assumed to precede the type definitions of their interface or world, as
 * our model no longer knows where a {@code use} stood among them.
 */
final class WitParserOrder {
    private final Resolve resolve;

    WitParserOrder(Resolve resolve) {
        this.resolve = resolve;
    }

    /** The interface's type ids: {@code use}d names first, then its own definitions in topological order. */
    List<Integer> interfaceTypes(WitInterface iface) {
        return topological(iface.types().values());
    }

    /** The world's imports in wit-parser's order. */
    List<Map.Entry<String, WorldItem>> imports(WitWorld world) {
        Map<Integer, Map.Entry<String, WorldItem>> typeEntries = new LinkedHashMap<>();
        List<Map.Entry<String, WorldItem>> entries = new ArrayList<>();
        for (Map.Entry<String, WorldItem> e : world.imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.TypeItem t) {
                typeEntries.put(t.typeId(), e);
            } else {
                entries.add(e);
            }
        }
        for (int typeId : topological(typeEntries.keySet())) entries.add(typeEntries.get(typeId));
        List<Map.Entry<String, WorldItem>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(e -> importClass(e.getValue())));
        return sorted;
    }

    /** The world's exports in wit-parser's order. */
    List<Map.Entry<String, WorldItem>> exports(WitWorld world) {
        List<Map.Entry<String, WorldItem>> out = new ArrayList<>();
        Map<Integer, Map.Entry<String, WorldItem>> interfaces = new LinkedHashMap<>();
        for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem i) {
                interfaces.put(i.interfaceId(), e);
            } else {
                out.add(e);
            }
        }
        Set<Integer> added = new HashSet<>();
        for (int interfaceId : interfaces.keySet()) addExportAfterItsDependencies(interfaceId, interfaces, added, out);
        return out;
    }

    private void addExportAfterItsDependencies(int interfaceId, Map<Integer, Map.Entry<String, WorldItem>> exported,
                                               Set<Integer> added, List<Map.Entry<String, WorldItem>> out) {
        if (!added.add(interfaceId)) return;
        for (int dep : resolve.iface(interfaceId).uses()) {
            if (exported.containsKey(dep)) addExportAfterItsDependencies(dep, exported, added, out);
        }
        out.add(exported.get(interfaceId));
    }

    private int importClass(WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem) return 0;
        if (item instanceof WorldItem.TypeItem t) return isUseOfOtherOwner(t.typeId()) ? 1 : 2;
        WorldItem.FunctionItem f = (WorldItem.FunctionItem) item;
        return f.function().isResourceFunction() ? 4 : 3;
    }

    private boolean isUseOfOtherOwner(int typeId) {
        TypeDef def = resolve.type(typeId);
        return def.kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof WitType.TypeRef ref
                && !resolve.type(ref.id()).owner().equals(def.owner());
    }

    /**
     * Names brought in by {@code use} (aliases of another owner's types) first, in the given order; then the other
     * definitions, each as soon as the local names it refers to are placed, the earliest in {@code ids} first.
     */
    private List<Integer> topological(java.util.Collection<Integer> ids) {
        List<Integer> out = new ArrayList<>();
        List<Integer> definitions = new ArrayList<>();
        for (int id : ids) (isUseOfOtherOwner(id) ? out : definitions).add(id);
        Set<Integer> placed = new HashSet<>(out);
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < definitions.size(); i++) position.put(definitions.get(i), i);
        Map<Integer, Integer> waitingOn = new HashMap<>();
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparingInt(position::get));
        for (int id : definitions) {
            Set<Integer> deps = localReferences(id);
            deps.removeIf(placed::contains);
            deps.retainAll(position.keySet());
            waitingOn.put(id, deps.size());
            for (int dep : deps) dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(id);
            if (deps.isEmpty()) ready.add(id);
        }
        while (!ready.isEmpty()) {
            int id = ready.poll();
            out.add(id);
            for (int dependent : dependents.getOrDefault(id, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) ready.add(dependent);
            }
        }
        if (out.size() != ids.size()) throw new IllegalStateException("type definitions refer to each other in a cycle");
        return out;
    }

    /** The named types (same owner) a definition refers to by name, handles' resources included. */
    private Set<Integer> localReferences(int typeId) {
        TypeDef def = resolve.type(typeId);
        Set<Integer> out = new LinkedHashSet<>();
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef r) {
            for (TypeDefKind.Field f : r.fields()) collectNames(f.type(), out);
        } else if (kind instanceof TypeDefKind.VariantDef v) {
            for (TypeDefKind.Case c : v.cases()) if (c.type() != null) collectNames(c.type(), out);
        } else if (kind instanceof TypeDefKind.AliasDef a) {
            collectNames(a.target(), out);
        }
        TypeOwner owner = def.owner();
        out.removeIf(id -> !resolve.type(id).owner().equals(owner));
        return out;
    }

    private static void collectNames(WitType type, Set<Integer> out) {
        if (type instanceof WitType.TypeRef ref) {
            out.add(ref.id());
        } else if (type instanceof WitType.HandleType h) {
            out.add(h.resource());
        } else {
            WitTypes.forEachChild(type, child -> collectNames(child, out));
        }
    }
}
