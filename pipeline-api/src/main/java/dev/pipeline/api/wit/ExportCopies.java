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
        for (int id : both) {
            WitInterface original = resolve.iface(id);
            int copyId = r.interfaces.size();
            WitInterface copy = new WitInterface(copyId, original.name(), original.packageId(), original.docs(), original.stability());
            r.interfaces.add(copy);
            interfaceCopies.put(id, copyId);

            Map<Integer, Integer> typeCopies = new HashMap<>();
            for (Map.Entry<String, Integer> t : original.types().entrySet()) {
                TypeDef def = resolve.type(t.getValue());
                int typeId = r.types.size();
                r.types.add(new TypeDef(typeId, def.name(), new TypeOwner.OfInterface(copyId), def.docs(), def.stability()));
                typeCopies.put(def.id(), typeId);
                copy.types.put(t.getKey(), typeId);
            }
            for (Map.Entry<Integer, Integer> e : typeCopies.entrySet()) {
                r.types.get(e.getValue()).setKind(kind(resolve.type(e.getKey()).kind(), typeCopies));
            }
            for (int typeId : resolve.topologicalTypes) {
                Integer c = typeCopies.get(typeId);
                if (c != null) r.topologicalTypes.add(c);
            }
            for (Map.Entry<String, WitFunction> f : original.functions().entrySet()) {
                copy.functions.put(f.getKey(), function(f.getValue(), typeCopies));
            }
            copy.uses.addAll(original.uses);
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
