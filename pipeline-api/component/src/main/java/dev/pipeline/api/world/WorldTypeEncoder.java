package dev.pipeline.api.world;

import dev.pipeline.api.component.Alias;
import dev.pipeline.api.component.ExternName;
import dev.pipeline.api.component.ExternType;
import dev.pipeline.api.component.PrimitiveType;
import dev.pipeline.api.component.Sort;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.component.ValueType;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a resolved WIT world as the component type wit-component writes into a {@code component-type:<world>}
 * custom section: imported and exported interfaces become instance types (named types exported with {@code eq}
 * bounds, resources as {@code sub resource}, types taken with {@code use} aliased from the other instance through
 * the world scope), world functions and world-level types are declared directly, and every definition appears in
 * the same order and with the same sharing as wit-component produces, so the bytes match.
 */
public final class WorldTypeEncoder {
    private final Resolve resolve;
    private final WitParserOrder order;
    private final TypeSpace world = new TypeSpace();
    /** The scope new definitions go to: the world itself, or the instance type being built. */
    private TypeSpace current = world;
    /** The interface whose instance type is being built; null while encoding world-level items. */
    private Integer currentInterface;
    /** True while world-level named types are being declared as imports. */
    private boolean importingTypes;
    /** Interface id → index of the instance the world imports or exports it as. */
    private final Map<Integer, Integer> instanceOfInterface = new HashMap<>();
    /** Named type id → index of the world-scope alias of that type out of its interface's instance. */
    private final Map<Integer, Integer> worldAliasOfType = new HashMap<>();
    /** The world import or export being encoded, and the function or type in it, for error messages. */
    private String currentItem, currentMember;

    private WorldTypeEncoder(Resolve resolve) {
        this.resolve = resolve;
        this.order = new WitParserOrder(resolve);
    }

    /** The component type of {@code world} with its qualified name ({@code ns:pkg/world@version}). */
    public static WorldEncoding.World encode(Resolve resolve, WitWorld world) {
        WorldTypeEncoder encoder = new WorldTypeEncoder(resolve);
        for (Map.Entry<String, WorldItem> e : encoder.order.imports(world)) encoder.encodeItem(e.getKey(), e.getValue(), true);
        for (Map.Entry<String, WorldItem> e : encoder.order.exports(world)) encoder.encodeItem(e.getKey(), e.getValue(), false);
        return new WorldEncoding.World(resolve.worldName(world.id()), new DefType.ComponentType(encoder.world.declarators()));
    }

    private void encodeItem(String key, WorldItem item, boolean imported) {
        currentItem = key;
        currentMember = null;
        if (item instanceof WorldItem.InterfaceItem ii) {
            currentInterface = ii.interfaceId();
            int typeIndex = encodeInstance(ii.interfaceId());
            world.declare(imported, interfaceExternName(key, ii), ExternType.instance(typeIndex));
        } else if (item instanceof WorldItem.FunctionItem fi) {
            currentInterface = null;
            int typeIndex = functionType(fi.function(), key);
            world.declare(imported, ExternName.of(key), ExternType.func(typeIndex));
        } else if (item instanceof WorldItem.TypeItem ti) {
            if (!imported) {
                throw new PipelineException("world type `" + key + "` is listed as an export; only imported types are supported");
            }
            currentInterface = null;
            importingTypes = true;
            try {
                namedType(ti.typeId());
            } finally {
                importingTypes = false;
            }
        } else {
            throw new IllegalStateException("unhandled world item " + item);
        }
    }

    /**
     * The name of an interface import or export. An interface imported under a plain name
     * ({@code import x: ns:pkg/iface;}) carries the interface's own name as its {@code implements} attribute.
     */
    private ExternName interfaceExternName(String key, WorldItem.InterfaceItem item) {
        String interfaceName = resolve.interfaceName(item.interfaceId());
        if (interfaceName != null && !key.equals(interfaceName)) {
            return new ExternName(key, 2, interfaceName, null, null);
        }
        return ExternName.of(key);
    }

    /** Builds the instance type of an interface in the world scope; returns its type index there. */
    private int encodeInstance(int interfaceId) {
        WitInterface iface = resolve.iface(interfaceId);
        TypeSpace instance = new TypeSpace();
        current = instance;
        try {
            List<Integer> typeOrder = order.interfaceTypes(iface);
            for (int typeId : typeOrder) {
                currentMember = resolve.type(typeId).name();
                namedType(typeId);
            }
            for (Map.Entry<String, WitFunction> f : resourceFunctionsFirst(iface, typeOrder)) {
                int typeIndex = functionType(f.getValue(), f.getKey());
                instance.declare(false, ExternName.of(f.getKey()), ExternType.func(typeIndex));
            }
        } finally {
            current = world;
        }
        int typeIndex = world.define(new DefType.InstanceType(instance.declarators()));
        instanceOfInterface.put(interfaceId, world.nextInstanceIndex());
        return typeIndex;
    }

    /**
     * The interface's functions with resource functions first, grouped in the order their resources were defined,
     * then the freestanding ones; source order otherwise (a stable sort, as wit-component does).
     */
    private static List<Map.Entry<String, WitFunction>> resourceFunctionsFirst(WitInterface iface, List<Integer> typeOrder) {
        List<Map.Entry<String, WitFunction>> functions = new ArrayList<>(iface.functions().entrySet());
        functions.sort(Comparator.comparingInt(e -> e.getValue().isResourceFunction()
                ? typeOrder.indexOf(e.getValue().resource()) : typeOrder.size()));
        return functions;
    }

    /** The index of the function type of {@code f}, defined in the current scope unless an equal one already is. */
    private int functionType(WitFunction f, String name) {
        currentMember = name;
        if (f.async()) throw unsupported("async function");
        TypeSpace.SignatureKey key = new TypeSpace.SignatureKey(f.params(), f.result());
        Integer known = current.functionTypes.get(key);
        if (known != null) return known;
        List<DefType.Field> params = new ArrayList<>();
        for (WitFunction.Param p : f.params()) params.add(new DefType.Field(p.name(), valueType(p.type())));
        ValueType result = f.result() == null ? null : valueType(f.result());
        int index = current.define(new DefType.Func(params, result));
        current.functionTypes.put(key, index);
        return index;
    }

    private ValueType valueType(WitType type) {
        if (type instanceof WitType.Primitive p) return primitive(p);
        if (type instanceof WitType.TypeRef ref) return ValueType.ref(namedType(ref.id()));
        Integer known = current.anonymousTypes.get(type);
        if (known != null) return ValueType.ref(known);
        int index = current.define(structure(type));
        current.anonymousTypes.put(type, index);
        return ValueType.ref(index);
    }

    private static PrimitiveType primitive(WitType.Primitive p) {
        return PrimitiveType.valueOf(p.name());
    }

    /** The definition of an anonymous compound type (its parts are defined first, as needed). */
    private DefType structure(WitType type) {
        if (type instanceof WitType.ListType l) return new DefType.ListOf(valueType(l.element()), null);
        if (type instanceof WitType.FixedListType l) {
            return new DefType.ListOf(valueType(l.element()), Math.toIntExact(l.length()));
        }
        if (type instanceof WitType.OptionType o) return new DefType.Option(valueType(o.some()));
        if (type instanceof WitType.ResultType r) {
            ValueType ok = r.ok() == null ? null : valueType(r.ok());
            ValueType err = r.err() == null ? null : valueType(r.err());
            return new DefType.Result(ok, err);
        }
        if (type instanceof WitType.TupleType t) {
            List<ValueType> members = new ArrayList<>();
            for (WitType m : t.types()) members.add(valueType(m));
            return new DefType.Tuple(members);
        }
        if (type instanceof WitType.HandleType h) {
            int resource = namedType(h.resource());
            return h.borrow() ? new DefType.Borrow(resource) : new DefType.Own(resource);
        }
        if (type instanceof WitType.FutureType) throw unsupported("future");
        if (type instanceof WitType.StreamType) throw unsupported("stream");
        if (type instanceof WitType.ErrorContextType) throw unsupported("error-context");
        if (type instanceof WitType.MapType) throw unsupported("map");
        throw new IllegalStateException("unhandled WIT type " + type);
    }

    /**
     * The index of a named type in the current scope: found, aliased from the instance of the interface that owns
     * it, or defined here and declared under its name.
     */
    private int namedType(int typeId) {
        Integer known = current.namedTypes.get(typeId);
        if (known != null) return known;
        dev.pipeline.api.wit.TypeDef def = resolve.type(typeId);
        int index;
        if (def.owner() instanceof TypeOwner.OfInterface o && !Integer.valueOf(o.interfaceId()).equals(currentInterface)) {
            index = aliasFromInterface(o.interfaceId(), def);
        } else if (def.kind() instanceof TypeDefKind.ResourceDef) {
            index = declareType(def.name(), ExternType.resource());
        } else {
            index = declareType(def.name(), ExternType.typeEq(body(def.kind())));
        }
        current.namedTypes.put(typeId, index);
        return index;
    }

    /** The type index of what a named, non-resource type stands for, before it is declared under its name. */
    private int body(TypeDefKind kind) {
        if (kind instanceof TypeDefKind.RecordDef r) {
            List<DefType.Field> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) fields.add(new DefType.Field(f.name(), valueType(f.type())));
            return current.define(new DefType.Record(fields));
        }
        if (kind instanceof TypeDefKind.VariantDef v) {
            List<DefType.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) cases.add(new DefType.Case(c.name(), c.type() == null ? null : valueType(c.type())));
            return current.define(new DefType.Variant(cases));
        }
        if (kind instanceof TypeDefKind.EnumDef e) return current.define(new DefType.Enum(labels(e.cases())));
        if (kind instanceof TypeDefKind.FlagsDef f) return current.define(new DefType.Flags(labels(f.flags())));
        if (kind instanceof TypeDefKind.AliasDef a) {
            WitType target = a.target();
            if (target instanceof WitType.Primitive p) return current.define(new DefType.Primitive(primitive(p)));
            if (target instanceof WitType.TypeRef ref) return namedType(ref.id());
            // `type t = list<u8>` names its own definition: wit-component does not share it with anonymous uses
            return current.define(structure(target));
        }
        throw new IllegalStateException("unhandled type definition " + kind);
    }

    private static List<String> labels(List<TypeDefKind.Label> labels) {
        List<String> names = new ArrayList<>();
        for (TypeDefKind.Label l : labels) names.add(l.name());
        return names;
    }

    /** Declares a named type in the current scope: exported from an instance, imported or exported by the world. */
    private int declareType(String name, ExternType bound) {
        boolean imported = current == world && importingTypes;
        return current.declare(imported, ExternName.of(name), bound);
    }

    /**
     * Brings a type of another interface into the current scope: the world scope aliases it once out of that
     * interface's instance, and an instance type being built refers to that alias with an outer alias.
     */
    private int aliasFromInterface(int interfaceId, dev.pipeline.api.wit.TypeDef def) {
        Integer instance = instanceOfInterface.get(interfaceId);
        if (instance == null) {
            throw new PipelineException("type `" + def.name() + "` of interface " + describeInterface(interfaceId)
                    + " is used before that interface is imported or exported by the world");
        }
        Integer worldIndex = worldAliasOfType.get(def.id());
        if (worldIndex == null) {
            worldIndex = world.alias(new Alias.InstanceExport(Sort.TYPE, instance, def.name()));
            worldAliasOfType.put(def.id(), worldIndex);
        }
        return current == world ? worldIndex : current.alias(new Alias.Outer(Sort.TYPE, 1, worldIndex));
    }

    private String describeInterface(int interfaceId) {
        String name = resolve.interfaceName(interfaceId);
        return name == null ? "#" + interfaceId : name;
    }

    private PipelineException unsupported(String what) {
        String where = currentMember == null || currentMember.equals(currentItem)
                ? "`" + currentItem + "`" : "`" + currentMember + "` of `" + currentItem + "`";
        return new PipelineException(where + " uses " + what + ", which is not supported yet");
    }
}
