package dev.pipeline.api.wit.text;

import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.Stability;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitPackage;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved model as JSON: packages with their interfaces (types, functions) and worlds (imports, exports).
 * Named types are referred to by qualified name ({@code wasi:io/streams@0.2.0#input-stream}), so two models compare
 * equal by their JSON whatever ids they were given.
 */
public final class WitJson {
    private final Resolve resolve;

    private WitJson(Resolve resolve) {
        this.resolve = resolve;
    }

    /** The whole model as indented JSON text. */
    public static String write(Resolve resolve) {
        return JsonWriter.write(model(resolve));
    }

    /** One world and the interfaces and types it reaches, as indented JSON text. */
    public static String writeWorld(Resolve resolve, WitWorld world) {
        WitJson j = new WitJson(resolve);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("world", resolve.worldName(world.id()));
        root.put("body", j.world(world));
        Map<String, Object> interfaces = new LinkedHashMap<>();
        for (Map<String, WorldItem> items : List.of(world.imports(), world.exports())) {
            for (WorldItem item : items.values()) {
                if (item instanceof WorldItem.InterfaceItem i && resolve.iface(i.interfaceId()).name() != null) {
                    interfaces.put(resolve.interfaceName(i.interfaceId()), j.iface(resolve.iface(i.interfaceId())));
                }
            }
        }
        root.put("interfaces", interfaces);
        return JsonWriter.write(root);
    }

    /** The whole model as maps and lists for {@link JsonWriter}. */
    public static Map<String, Object> model(Resolve resolve) {
        WitJson j = new WitJson(resolve);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("root", resolve.rootPackage().name().toString());
        List<Object> packages = new ArrayList<>();
        for (WitPackage p : resolve.packages()) packages.add(j.pkg(p));
        root.put("packages", packages);
        return root;
    }

    private Map<String, Object> pkg(WitPackage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name().toString());
        putDocs(m, p.docs());
        Map<String, Object> interfaces = new LinkedHashMap<>();
        p.interfaces().forEach((name, id) -> interfaces.put(name, iface(resolve.iface(id))));
        m.put("interfaces", interfaces);
        Map<String, Object> worlds = new LinkedHashMap<>();
        p.worlds().forEach((name, id) -> worlds.put(name, world(resolve.world(id))));
        m.put("worlds", worlds);
        return m;
    }

    private Map<String, Object> iface(WitInterface i) {
        Map<String, Object> m = new LinkedHashMap<>();
        putDocs(m, i.docs());
        putStability(m, i.stability());
        Map<String, Object> types = new LinkedHashMap<>();
        i.types().forEach((name, id) -> types.put(name, typeDef(resolve.type(id))));
        m.put("types", types);
        Map<String, Object> functions = new LinkedHashMap<>();
        i.functions().forEach((name, f) -> functions.put(name, function(f)));
        m.put("functions", functions);
        return m;
    }

    private Map<String, Object> world(WitWorld w) {
        Map<String, Object> m = new LinkedHashMap<>();
        putDocs(m, w.docs());
        putStability(m, w.stability());
        m.put("imports", items(w.imports()));
        m.put("exports", items(w.exports()));
        return m;
    }

    private Map<String, Object> items(Map<String, WorldItem> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        items.forEach((key, item) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            if (item instanceof WorldItem.InterfaceItem i) {
                WitInterface iface = resolve.iface(i.interfaceId());
                m.put("kind", "interface");
                if (iface.name() == null) m.put("inline", iface(iface));
                else m.put("interface", resolve.interfaceName(i.interfaceId()));
                putDocs(m, i.docs());
            } else if (item instanceof WorldItem.FunctionItem f) {
                m.put("kind", "function");
                m.put("function", function(f.function()));
            } else if (item instanceof WorldItem.TypeItem t) {
                m.put("kind", "type");
                m.put("type", typeDef(resolve.type(t.typeId())));
            }
            putStability(m, item.stability());
            out.put(key, m);
        });
        return out;
    }

    private Map<String, Object> typeDef(TypeDef def) {
        Map<String, Object> m = new LinkedHashMap<>();
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef r) {
            m.put("kind", "record");
            List<Object> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) fields.add(named(f.name(), type(f.type()), f.docs()));
            m.put("fields", fields);
        } else if (kind instanceof TypeDefKind.VariantDef v) {
            m.put("kind", "variant");
            List<Object> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) cases.add(named(c.name(), c.type() == null ? null : type(c.type()), c.docs()));
            m.put("cases", cases);
        } else if (kind instanceof TypeDefKind.EnumDef e) {
            m.put("kind", "enum");
            m.put("cases", labels(e.cases()));
        } else if (kind instanceof TypeDefKind.FlagsDef f) {
            m.put("kind", "flags");
            m.put("flags", labels(f.flags()));
        } else if (kind instanceof TypeDefKind.ResourceDef) {
            m.put("kind", "resource");
        } else if (kind instanceof TypeDefKind.AliasDef a) {
            m.put("kind", "alias");
            m.put("target", type(a.target()));
        }
        putDocs(m, def.docs());
        putStability(m, def.stability());
        return m;
    }

    private List<Object> labels(List<TypeDefKind.Label> labels) {
        List<Object> out = new ArrayList<>();
        for (TypeDefKind.Label l : labels) out.add(l.docs() == null ? l.name() : named(l.name(), null, l.docs()));
        return out;
    }

    private Map<String, Object> named(String name, Object type, String docs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (type != null) m.put("type", type);
        putDocs(m, docs);
        return m;
    }

    private Map<String, Object> function(WitFunction f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("kind", f.kind().name().toLowerCase());
        if (f.isResourceFunction()) m.put("resource", qualifiedTypeName(f.resource()));
        if (f.async()) m.put("async", true);
        List<Object> params = new ArrayList<>();
        for (WitFunction.Param p : f.params()) params.add(named(p.name(), type(p.type()), null));
        m.put("params", params);
        if (f.result() != null) m.put("result", type(f.result()));
        putDocs(m, f.docs());
        putStability(m, f.stability());
        return m;
    }

    /** A type as WIT-like text with named types written by qualified name. */
    private String type(WitType t) {
        if (t instanceof WitType.Primitive p) return p.wit();
        if (t instanceof WitType.TypeRef r) return qualifiedTypeName(r.id());
        if (t instanceof WitType.HandleType h) return (h.borrow() ? "borrow<" : "own<") + qualifiedTypeName(h.resource()) + ">";
        if (t instanceof WitType.ListType l) return "list<" + type(l.element()) + ">";
        if (t instanceof WitType.FixedListType l) return "list<" + type(l.element()) + ", " + l.length() + ">";
        if (t instanceof WitType.MapType mt) return "map<" + type(mt.key()) + ", " + type(mt.value()) + ">";
        if (t instanceof WitType.OptionType o) return "option<" + type(o.some()) + ">";
        if (t instanceof WitType.ResultType r) {
            return "result<" + (r.ok() == null ? "_" : type(r.ok())) + ", " + (r.err() == null ? "_" : type(r.err())) + ">";
        }
        if (t instanceof WitType.TupleType tu) {
            List<String> parts = new ArrayList<>();
            for (WitType x : tu.types()) parts.add(type(x));
            return "tuple<" + String.join(", ", parts) + ">";
        }
        if (t instanceof WitType.FutureType f) return f.payload() == null ? "future" : "future<" + type(f.payload()) + ">";
        if (t instanceof WitType.StreamType s) return s.payload() == null ? "stream" : "stream<" + type(s.payload()) + ">";
        return "error-context";
    }

    /** {@code pkg/iface#name} for interface types, {@code pkg/world#name} for world types; inline interfaces are anonymous. */
    private String qualifiedTypeName(int typeId) {
        TypeDef def = resolve.type(typeId);
        if (def.owner() instanceof TypeOwner.OfInterface o) {
            String iface = resolve.interfaceName(o.interfaceId());
            return (iface == null ? "(inline)" : iface) + "#" + def.name();
        }
        TypeOwner.OfWorld w = (TypeOwner.OfWorld) def.owner();
        return resolve.worldName(w.worldId()) + "#" + def.name();
    }

    private static void putDocs(Map<String, Object> m, String docs) {
        if (docs != null) m.put("docs", docs);
    }

    private static void putStability(Map<String, Object> m, Stability s) {
        if (s instanceof Stability.Stable st) m.put("since", st.since());
        if (s instanceof Stability.Unstable u) m.put("unstable", u.feature());
        if (s.deprecated() != null) m.put("deprecated", s.deprecated());
    }
}
