package dev.pipeline.api.descriptor;

import dev.pipeline.api.descriptor.DescriptorBuilder.FunctionKind;
import dev.pipeline.api.descriptor.DescriptorBuilder.Kind;
import dev.pipeline.api.descriptor.DescriptorBuilder.Named;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the descriptor table of a world: every function's parameter and result types, in {@link WorldView} order. */
public final class WorldDescriptor {

    /** How WIT items are named on the Python side; static bindings name classes, dynamic ones plain values. */
    public interface Naming {
        /** "module:Class" of a record, enum or flags type; "" for plain values. */
        String typeClass(TypeDef def);

        /** A variant case: "module:Class" of its case class, or the case's WIT name for plain values. */
        String variantCase(TypeDef def, TypeDefKind.Case c);

        /** A record field: the attribute name, or the dict key. */
        String field(TypeDefKind.Field f);

        /** An enum case or flag: used by plain values only. */
        String label(TypeDefKind.Label l);

        /** "module:Class" of a resource's Python class ("" for plain handles). */
        String resourceClass(WorldResource r);

        /** What the runtime calls for an export: the class holding it, and the method (see docs/runtime-abi.md). */
        String exportTarget(WorldFunction f);

        String exportMethod(WorldFunction f);

        /** A parameter name (documentation only). */
        String param(String witName);
    }

    private final WorldView view;
    private final Resolve resolve;
    private final Naming naming;
    private final DescriptorBuilder builder;
    private final DescriptorBuilder.Mode mode;
    private final Map<Integer, Integer> named = new HashMap<>();

    private WorldDescriptor(WorldView view, Naming naming, DescriptorBuilder.Mode mode) {
        this.view = view;
        this.resolve = view.resolve();
        this.naming = naming;
        this.builder = new DescriptorBuilder(mode);
        this.mode = mode;
    }

    /** The encoded table for a world. */
    public static byte[] build(WorldView view, Naming naming, DescriptorBuilder.Mode mode) {
        WorldDescriptor d = new WorldDescriptor(view, naming, mode);
        for (WorldResource r : view.resources()) d.builder.resource(d.naming.resourceClass(r), r.exported());
        for (WorldFunction f : view.exports()) d.builder.export(d.function(f, true));
        for (WorldFunction f : view.imports()) d.builder.importFunction(d.function(f, false));
        return d.builder.encode();
    }

    /** True when a result type of a function is returned as a value or raised as {@code Err}. */
    public static boolean resultRaises(Resolve resolve, WitFunction f) {
        return f.result() != null && resolve.dealias(f.result()) instanceof WitType.ResultType;
    }

    private DescriptorBuilder.Function function(WorldFunction wf, boolean export) {
        WitFunction f = wf.function();
        List<Named> params = new ArrayList<>();
        for (WitFunction.Param p : f.params()) params.add(new Named(naming.param(p.name()), type(p.type())));
        int result = f.result() == null ? -1 : type(f.result());
        FunctionKind kind = switch (f.kind()) {
            case FREESTANDING -> FunctionKind.FREESTANDING;
            case CONSTRUCTOR -> FunctionKind.CONSTRUCTOR;
            case METHOD -> FunctionKind.METHOD;
            case STATIC -> FunctionKind.STATIC;
        };
        int resource = f.isResourceFunction() ? view.resourceOf(f.resource()).index() : -1;
        String target = export ? naming.exportTarget(wf) : "";
        String method = export ? naming.exportMethod(wf) : "";
        // dynamic values carry results as ("ok", v) / ("err", e) tuples in both directions: nothing is raised
        return new DescriptorBuilder.Function(wf.name(), kind, resource, target, method, params, result,
                mode == DescriptorBuilder.Mode.STATIC && resultRaises(resolve, f));
    }

    private int type(WitType t) {
        if (t instanceof WitType.Primitive p) return builder.primitive(Kind.valueOf(p.name()));
        if (t instanceof WitType.ListType l) return builder.list(type(l.element()));
        if (t instanceof WitType.OptionType o) {
            boolean wrap = resolve.dealias(o.some()) instanceof WitType.OptionType;
            return builder.option(type(o.some()), wrap);
        }
        if (t instanceof WitType.ResultType r) {
            int ok = r.ok() == null ? -1 : type(r.ok());
            int err = r.err() == null ? -1 : type(r.err());
            return builder.result(ok, err);
        }
        if (t instanceof WitType.TupleType tt) {
            List<Integer> items = new ArrayList<>();
            for (WitType x : tt.types()) items.add(type(x));
            return builder.tuple(items);
        }
        if (t instanceof WitType.HandleType h) {
            int r = view.resourceOf(h.resource()).index();
            return h.borrow() ? builder.borrow(r) : builder.own(r);
        }
        if (t instanceof WitType.TypeRef ref) return named(ref.id());
        throw new IllegalArgumentException("unsupported type " + t);
    }

    private int named(int typeId) {
        Integer done = named.get(typeId);
        if (done != null) return done;
        TypeDef def = resolve.type(typeId);
        int index;
        if (def.kind() instanceof TypeDefKind.AliasDef a) {
            index = type(a.target());
        } else if (def.kind() instanceof TypeDefKind.RecordDef r) {
            List<Named> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) fields.add(new Named(naming.field(f), type(f.type())));
            index = builder.record(naming.typeClass(def), fields);
        } else if (def.kind() instanceof TypeDefKind.VariantDef v) {
            List<Named> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) cases.add(new Named(naming.variantCase(def, c), c.type() == null ? -1 : type(c.type())));
            index = builder.variant("", cases);
        } else if (def.kind() instanceof TypeDefKind.EnumDef e) {
            index = builder.enumeration(naming.typeClass(def), e.cases().stream().map(naming::label).toList());
        } else if (def.kind() instanceof TypeDefKind.FlagsDef fl) {
            index = builder.flags(naming.typeClass(def), fl.flags().stream().map(naming::label).toList());
        } else if (def.kind() instanceof TypeDefKind.ResourceDef) {
            // a bare resource name in a signature means own<resource>
            index = builder.own(view.resourceOf(typeId).index());
        } else {
            throw new IllegalArgumentException("unsupported type definition " + def);
        }
        named.put(typeId, index);
        return index;
    }
}
