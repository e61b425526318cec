package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.PackageName;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.ResolveBuilder;
import dev.pipeline.api.wit.Stability;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WorldItem;
import dev.pipeline.api.wit.text.WitPrinter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the types of a component binary, or of a world carried in a {@code component-type} section, into the
 * resolved WIT model (as wit-parser's decoder makes a {@code Resolve} of a component): an interface per imported or
 * exported instance, grouped into packages by name, a named type per exported type name (a name that stands for a
 * type of another interface becomes a {@code use}), and one world. A component's own world is {@code root:component/root}.
 */
public final class ComponentWit {
    /** A decoded model and the id of the world the component (or section) describes. */
    public record Decoded(Resolve resolve, int worldId) {
        /** The world as WIT text, with the interfaces it needs. */
        public String print() { return WitPrinter.printWorld(resolve, worldId); }
    }

    private static final int MAX_DEPTH = 200;
    private static final PackageName ROOT = new PackageName("root", "component", null);

    private final ResolveBuilder b = new ResolveBuilder();
    /** Every named type entry: the id of the type that first gave it a name. */
    private final Map<TypeScope.Entry, Integer> named = new IdentityHashMap<>();
    /** Interfaces by import/export name. */
    private final Map<String, Integer> interfaces = new HashMap<>();
    /** Interfaces by the instance they were made from. */
    private final Map<TypeScope.Instance, Integer> interfaceOfInstance = new IdentityHashMap<>();
    /** Types given their definition after every name is known: id, entry and the names in scope there. */
    private final List<Definition> definitions = new ArrayList<>();
    /** The names a definition or signature may refer to: the types of its interface (or world), by name and entry. */
    private record Scope(Map<String, Integer> byName, Map<TypeScope.Entry, Integer> byEntry) {
        Scope() { this(new HashMap<>(), new IdentityHashMap<>()); }

        void add(String name, TypeScope.Entry e, int id) {
            byName.putIfAbsent(name, id);
            byEntry.putIfAbsent(e, id);
        }
    }
    private record Definition(int id, TypeScope.Entry entry, Scope scope) {}
    private final Map<Integer, Scope> interfaceScopes = new HashMap<>();
    private final Scope worldScope = new Scope();
    /** The names the type being converted may use. */
    private Scope current;
    private final int rootPackage;
    private final int world;
    private int depth;

    private ComponentWit(PackageName pkg, String worldName) {
        rootPackage = b.pkg(pkg);
        world = b.addWorld(rootPackage, worldName);
    }

    /** The world of a component: what it imports and exports. */
    public static Decoded decode(Component component) {
        return new ComponentWit(ROOT, "root").run(ComponentWorld.of(component));
    }

    /** The world a {@code component-type} section carries, under its own name. */
    public static Decoded decode(WorldEncoding.World world) {
        String q = world.qualifiedName();
        int slash = q.indexOf('/');
        PackageName pkg = slash < 0 ? ROOT : packageOf(q);
        return new ComponentWit(pkg, world.name()).run(ComponentWorld.of(world.type()));
    }

    /** The world a component type describes, as {@code root:component/root}. */
    static Decoded decode(DefType.ComponentType world) {
        return new ComponentWit(ROOT, "root").run(ComponentWorld.of(world));
    }

    /** The WIT text of a component's world. */
    public static String print(Component component) {
        return decode(component).print();
    }

    private Decoded run(ComponentWorld w) {
        Set<ComponentWorld.Item> imports = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        imports.addAll(w.imports);
        List<ComponentWorld.Item> all = new ArrayList<>(w.imports);
        all.addAll(w.exports);
        for (ComponentWorld.Item item : all) if (item.instance() != null) nameInterfaceTypes(item);
        Map<ComponentWorld.Item, Integer> worldTypes = new IdentityHashMap<>();
        for (ComponentWorld.Item item : all) {
            if (item.type() != null) {
                worldTypes.put(item, nameType(item.name(), new TypeOwner.OfWorld(world), item.type(),
                        named.get(item.type()), worldScope));
            }
        }
        for (Definition d : definitions) {
            current = d.scope();
            b.define(d.id(), kind(d.entry()));
        }
        Set<Integer> withFunctions = new HashSet<>();
        for (ComponentWorld.Item item : all) {
            boolean imported = imports.contains(item);
            WorldItem out;
            if (item.instance() != null) {
                int iface = interfaces.get(item.name());
                if (withFunctions.add(iface)) {
                    current = interfaceScopes.get(iface);
                    for (Map.Entry<String, TypeScope.Defined> f : item.instance().funcs().entrySet()) {
                        b.addFunction(iface, f.getKey(), function(f.getKey(), f.getValue()));
                    }
                }
                out = new WorldItem.InterfaceItem(iface, item.name().contains("/") ? null : item.name(), null,
                        Stability.UNKNOWN);
            } else if (item.func() != null) {
                current = worldScope;
                out = new WorldItem.FunctionItem(function(item.name(), item.func()));
            } else {
                out = new WorldItem.TypeItem(worldTypes.get(item), Stability.UNKNOWN);
            }
            if (imported) b.addImport(world, item.name(), out);
            else b.addExport(world, item.name(), out);
        }
        return new Decoded(b.build(rootPackage), world);
    }

    /** Adds (or finds) the interface of an instance item and names its types. */
    private void nameInterfaceTypes(ComponentWorld.Item item) {
        Integer existing = interfaces.get(item.name());
        if (existing != null) {
            // the export of an interface the component also imports: one interface, its types known by name
            Map<String, Integer> types = b.typesOf(existing);
            for (Map.Entry<String, TypeScope.Entry> t : item.instance().types().entrySet()) {
                Integer id = types.get(t.getKey());
                if (id != null) {
                    named.putIfAbsent(t.getValue(), id);
                    interfaceScopes.get(existing).byEntry().putIfAbsent(t.getValue(), id);
                }
            }
            interfaceOfInstance.put(item.instance(), existing);
            return;
        }
        int iface;
        if (item.name().contains("/")) {
            String q = item.name();
            int slash = q.indexOf('/');
            int at = q.indexOf('@', slash);
            iface = b.addInterface(b.pkg(packageOf(q)), q.substring(slash + 1, at < 0 ? q.length() : at));
        } else {
            iface = b.addInterface(rootPackage, null);
        }
        interfaces.put(item.name(), iface);
        interfaceOfInstance.put(item.instance(), iface);
        Scope scope = new Scope();
        interfaceScopes.put(iface, scope);
        for (Map.Entry<String, TypeScope.Entry> t : item.instance().types().entrySet()) {
            Integer owner = useSource(item.instance().sources().get(t.getKey()));
            if (owner == null) owner = scope.byEntry().get(t.getValue());   // a second name of a type of this interface
            if (owner == null) owner = named.get(t.getValue());             // a type of another interface
            nameType(t.getKey(), new TypeOwner.OfInterface(iface), t.getValue(), owner, scope);
        }
    }

    /**
     * Adds a named type to its owner and to {@code scope}: an alias of {@code aliasOf} when the type has a name
     * already, else a definition given once every name is known. Returns its id.
     */
    private int nameType(String name, TypeOwner owner, TypeScope.Entry entry, Integer aliasOf, Scope scope) {
        int id = b.addType(name, owner);
        if (aliasOf != null) {
            b.define(id, new TypeDefKind.AliasDef(new WitType.TypeRef(aliasOf)));
        } else {
            named.put(entry, id);
            definitions.add(new Definition(id, entry, scope));
        }
        scope.add(name, entry, id);
        return id;
    }

    /** The type a {@code use} names: the export of the interface it was aliased from, if that is known. */
    private Integer useSource(TypeScope.Source source) {
        if (source == null) return null;
        Integer from = interfaceOfInstance.get(source.instance());
        return from == null ? null : b.typesOf(from).get(source.name());
    }

    /** {@code ns:pkg@1.0.0} of {@code ns:pkg/iface@1.0.0}. */
    private static PackageName packageOf(String qualified) {
        int colon = qualified.indexOf(':');
        int slash = qualified.indexOf('/');
        int at = qualified.indexOf('@', slash);
        if (colon < 0 || colon > slash) throw new PipelineException("`" + qualified + "` is not a qualified interface name");
        return new PackageName(qualified.substring(0, colon), qualified.substring(colon + 1, slash),
                at < 0 ? null : qualified.substring(at + 1));
    }

    private TypeDefKind kind(TypeScope.Entry e) {
        if (e instanceof TypeScope.ResourceEntry) return new TypeDefKind.ResourceDef();
        TypeScope.Defined d = (TypeScope.Defined) e;
        TypeScope s = d.scope();
        DefType def = d.def();
        if (def instanceof DefType.Record r) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            for (DefType.Field f : r.fields()) fields.add(new TypeDefKind.Field(f.name(), type(s, f.type()), null));
            return new TypeDefKind.RecordDef(fields);
        }
        if (def instanceof DefType.Variant v) {
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (DefType.Case c : v.cases()) {
                cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : type(s, c.type()), null));
            }
            return new TypeDefKind.VariantDef(cases);
        }
        if (def instanceof DefType.Enum en) return new TypeDefKind.EnumDef(labels(en.names()));
        if (def instanceof DefType.Flags fl) return new TypeDefKind.FlagsDef(labels(fl.names()));
        return new TypeDefKind.AliasDef(structural(d));
    }

    private static List<TypeDefKind.Label> labels(List<String> names) {
        return names.stream().map(n -> new TypeDefKind.Label(n, null)).toList();
    }

    /** A use of a type, by index in {@code scope}: the name it has there when that is in scope, else as {@link #type(Object)}. */
    private WitType type(TypeScope scope, ValueType v) {
        if (v instanceof ValueType.Ref r) {
            Integer local = localName(scope, r.index());
            if (local != null) return new WitType.TypeRef(local);
        }
        return type(scope.resolve(v));
    }

    private Integer localName(TypeScope scope, int index) {
        String name = scope.nameOfIndex(index);
        return name == null || current == null ? null : current.byName().get(name);
    }

    /** A use of a type: its name in the current scope, else its first name, else its structure. */
    private WitType type(Object t) {
        if (t instanceof PrimitiveType p) return primitive(p);
        Integer id = current == null ? null : current.byEntry().get((TypeScope.Entry) t);
        if (id == null) id = named.get((TypeScope.Entry) t);
        if (id != null) return new WitType.TypeRef(id);
        if (t instanceof TypeScope.ResourceEntry) throw new PipelineException("a resource type that is neither imported nor exported by name");
        if (++depth > MAX_DEPTH) throw new PipelineException("types nest deeper than " + MAX_DEPTH + " levels");
        try {
            return structural((TypeScope.Defined) t);
        } finally {
            depth--;
        }
    }

    private WitType structural(TypeScope.Defined d) {
        TypeScope s = d.scope();
        DefType def = d.def();
        if (def instanceof DefType.Primitive p) return primitive(p.type());
        if (def instanceof DefType.ListOf l) {
            WitType element = type(s, l.element());
            return l.length() == null ? new WitType.ListType(element) : new WitType.FixedListType(element, l.length());
        }
        if (def instanceof DefType.Option o) return new WitType.OptionType(type(s, o.type()));
        if (def instanceof DefType.Result r) {
            return new WitType.ResultType(r.ok() == null ? null : type(s, r.ok()), r.err() == null ? null : type(s, r.err()));
        }
        if (def instanceof DefType.Tuple t) {
            List<WitType> types = new ArrayList<>();
            for (ValueType v : t.types()) types.add(type(s, v));
            return new WitType.TupleType(types);
        }
        if (def instanceof DefType.Own o) return new WitType.HandleType(false, resource(s, o.resource()));
        if (def instanceof DefType.Borrow bo) return new WitType.HandleType(true, resource(s, bo.resource()));
        if (def instanceof DefType.Stream st) return new WitType.StreamType(st.element() == null ? null : type(s, st.element()));
        if (def instanceof DefType.Future f) return new WitType.FutureType(f.element() == null ? null : type(s, f.element()));
        throw new PipelineException("an anonymous " + def.getClass().getSimpleName().toLowerCase()
                + " type: WIT names every record, variant, enum, flags and resource");
    }

    private int resource(TypeScope scope, int index) {
        Integer local = localName(scope, index);
        if (local != null) return local;
        TypeScope.Entry e = scope.type(index);
        Integer id = current == null ? null : current.byEntry().get(e);
        if (id == null) id = named.get(e);
        if (id == null) throw new PipelineException("a handle to a resource that is neither imported nor exported by name");
        return id;
    }

    private static WitType primitive(PrimitiveType p) {
        return p == PrimitiveType.ERROR_CONTEXT ? new WitType.ErrorContextType() : WitType.Primitive.valueOf(p.name());
    }

    /** A function by its component-level name; resource functions find their resource in the current scope. */
    private WitFunction function(String name, TypeScope.Defined f) {
        DefType.Func fn = (DefType.Func) f.def();
        Map<String, Integer> types = current.byName();
        List<WitFunction.Param> params = new ArrayList<>();
        for (DefType.Field p : fn.params()) params.add(new WitFunction.Param(p.name(), type(f.scope(), p.type())));
        WitType result = fn.result() == null ? null : type(f.scope(), fn.result());
        WitFunction.Kind kind = WitFunction.Kind.FREESTANDING;
        String plain = name;
        String resourceName = null;
        if (name.startsWith("[constructor]")) {
            kind = WitFunction.Kind.CONSTRUCTOR;
            resourceName = name.substring("[constructor]".length());
        } else if (name.startsWith("[method]") || name.startsWith("[static]")) {
            kind = name.startsWith("[method]") ? WitFunction.Kind.METHOD : WitFunction.Kind.STATIC;
            String rest = name.substring(8);
            int dot = rest.indexOf('.');
            if (dot < 0) throw new PipelineException("`" + name + "` names no resource function");
            resourceName = rest.substring(0, dot);
            plain = rest.substring(dot + 1);
        }
        int resource = -1;
        if (resourceName != null) {
            Integer id = types.get(resourceName);
            if (id == null) throw new PipelineException("`" + name + "` belongs to no resource named `" + resourceName + "`");
            resource = id;
        }
        return new WitFunction(plain, kind, resource, fn.async(), params, result, null, Stability.UNKNOWN);
    }
}
