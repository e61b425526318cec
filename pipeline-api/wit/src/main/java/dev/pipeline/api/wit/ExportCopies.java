package dev.pipeline.api.wit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each interface that a world both imports and exports a separate copy for the export side (new interface and
 * type ids, same names), so that the imported and the exported instance have distinct types and resources, as they
 * do in the component model ({@code import x:y/echoes; export x:y/echoes;}).
 */
final class ExportCopies {
    private ExportCopies() {}

    /** The model with the copies, or {@code resolve} itself when the world exports no interface it also imports. */
    static Resolve apply(Resolve resolve, int worldId) {
        WitWorld world = resolve.world(worldId);
        List<Integer> imported = new ArrayList<>();
        for (WorldItem item : world.imports().values()) {
            if (item instanceof WorldItem.InterfaceItem ii) imported.add(ii.interfaceId());
        }
        List<Integer> both = new ArrayList<>();
        for (WorldItem item : world.exports().values()) {
            if (item instanceof WorldItem.InterfaceItem ii && imported.contains(ii.interfaceId())) both.add(ii.interfaceId());
        }
        if (both.isEmpty()) return resolve;

        Resolve r = new Resolve();
        r.packages.addAll(resolve.packages);
        r.interfaces.addAll(resolve.interfaces);
        r.worlds.addAll(resolve.worlds);
        r.types.addAll(resolve.types);
        r.topologicalTypes.addAll(resolve.topologicalTypes);
        r.rootPackage = resolve.rootPackage;

        Map<Integer, Integer> interfaceCopies = new HashMap<>();
        Map<Integer, Integer> typeCopies = new HashMap<>(); // every copied type: original id -> copy id
        for (int id : both) copyInterface(resolve, r, id, interfaceCopies, typeCopies);
        // an exported interface that uses types of a copied one uses the exported side's (wit-parser's rule: an
        // export's dependencies are satisfied by exports where the world exports them), so it is copied too
        boolean changed = true;
        while (changed) {
            changed = false;
            for (WorldItem item : world.exports().values()) {
                if (!(item instanceof WorldItem.InterfaceItem ii) || interfaceCopies.containsKey(ii.interfaceId())) continue;
                if (refersTo(resolve, resolve.iface(ii.interfaceId()), typeCopies)) {
                    copyInterface(resolve, r, ii.interfaceId(), interfaceCopies, typeCopies);
                    changed = true;
                }
            }
        }

        WitWorld w = new WitWorld(world.id(), world.name(), world.packageId(), world.docs(), world.stability());
        w.imports.putAll(world.imports);
        for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.InterfaceItem ii && interfaceCopies.containsKey(ii.interfaceId())) {
                item = new WorldItem.InterfaceItem(interfaceCopies.get(ii.interfaceId()), ii.plainName(), ii.docs(), ii.stability());
            }
            w.exports.put(e.getKey(), item);
        }
        r.worlds.set(world.id(), w);
        return r;
    }

    private static void copyInterface(Resolve resolve, Resolve r, int id, Map<Integer, Integer> interfaceCopies,
                                      Map<Integer, Integer> typeCopies) {
        WitInterface original = resolve.iface(id);
        int copyId = r.interfaces.size();
        WitInterface copy = new WitInterface(copyId, original.name(), original.packageId(), original.docs(), original.stability());
        r.interfaces.add(copy);
        interfaceCopies.put(id, copyId);
        List<Integer> own = new ArrayList<>();
        for (Map.Entry<String, Integer> t : original.types().entrySet()) {
            TypeDef def = resolve.type(t.getValue());
            int typeId = r.types.size();
            r.types.add(new TypeDef(typeId, def.name(), new TypeOwner.OfInterface(copyId), def.docs(), def.stability()));
            typeCopies.put(def.id(), typeId);
            own.add(def.id());
            copy.types.put(t.getKey(), typeId);
        }
        for (int original_id : own) r.types.get(typeCopies.get(original_id)).setKind(kind(resolve.type(original_id).kind(), typeCopies));
        for (int typeId : resolve.topologicalTypes) {
            if (own.contains(typeId)) r.topologicalTypes.add(typeCopies.get(typeId));
        }
        for (Map.Entry<String, WitFunction> f : original.functions().entrySet()) {
            copy.functions.put(f.getKey(), function(f.getValue(), typeCopies));
        }
        copy.uses.addAll(original.uses);
    }

    /** True when a type of {@code iface} is an alias of (a {@code use} of) a copied type. */
    private static boolean refersTo(Resolve resolve, WitInterface iface, Map<Integer, Integer> typeCopies) {
        for (int typeId : iface.types().values()) {
            if (resolve.type(typeId).kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof WitType.TypeRef ref
                    && typeCopies.containsKey(ref.id())) {
                return true;
            }
        }
        return false;
    }

    private static WitFunction function(WitFunction f, Map<Integer, Integer> types) {
        List<WitFunction.Param> params = new ArrayList<>();
        for (WitFunction.Param p : f.params()) params.add(new WitFunction.Param(p.name(), type(p.type(), types)));
        int resource = f.isResourceFunction() ? types.getOrDefault(f.resource(), f.resource()) : f.resource();
        return new WitFunction(f.name(), f.kind(), resource, f.async(), params, f.result() == null ? null : type(f.result(), types),
                f.docs(), f.stability());
    }

    private static TypeDefKind kind(TypeDefKind k, Map<Integer, Integer> types) {
        if (k instanceof TypeDefKind.RecordDef rec) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            for (TypeDefKind.Field f : rec.fields()) fields.add(new TypeDefKind.Field(f.name(), type(f.type(), types), f.docs()));
            return new TypeDefKind.RecordDef(fields);
        }
        if (k instanceof TypeDefKind.VariantDef v) {
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : type(c.type(), types), c.docs()));
            }
            return new TypeDefKind.VariantDef(cases);
        }
        if (k instanceof TypeDefKind.AliasDef a) return new TypeDefKind.AliasDef(type(a.target(), types));
        return k; // enum, flags, resource: nothing to remap
    }

    private static WitType type(WitType t, Map<Integer, Integer> types) {
        if (t == null) return null;
        if (t instanceof WitType.TypeRef ref) return new WitType.TypeRef(types.getOrDefault(ref.id(), ref.id()));
        if (t instanceof WitType.HandleType h) return new WitType.HandleType(h.borrow(), types.getOrDefault(h.resource(), h.resource()));
        if (t instanceof WitType.ListType l) return new WitType.ListType(type(l.element(), types));
        if (t instanceof WitType.FixedListType l) return new WitType.FixedListType(type(l.element(), types), l.length());
        if (t instanceof WitType.MapType m) return new WitType.MapType(type(m.key(), types), type(m.value(), types));
        if (t instanceof WitType.OptionType o) return new WitType.OptionType(type(o.some(), types));
        if (t instanceof WitType.ResultType res) return new WitType.ResultType(type(res.ok(), types), type(res.err(), types));
        if (t instanceof WitType.TupleType tup) {
            List<WitType> items = new ArrayList<>();
            for (WitType item : tup.types()) items.add(type(item, types));
            return new WitType.TupleType(items);
        }
        if (t instanceof WitType.FutureType f) return new WitType.FutureType(type(f.payload(), types));
        if (t instanceof WitType.StreamType s) return new WitType.StreamType(type(s.payload(), types));
        return t; // primitives, error-context
    }
}
