package dev.pipeline.api.world;

import dev.pipeline.api.contract.SelectedWorld;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A world's functions and resources in one fixed order, shared by everything that numbers them: the bindings
 * (descriptor table, call_import indices), the splicer (trampolines, canon lift/lower) and the JVM runner.
 * Imports first in world order, each interface's functions in definition order; then the exports likewise.
 */
public final class WorldView {
    private final Resolve model;
    private final Resolve resolve;
    private final WitWorld world;
    private final List<WorldFunction> imports = new ArrayList<>();
    private final List<WorldFunction> exports = new ArrayList<>();
    private final List<WorldResource> resources = new ArrayList<>();
    private final Map<Integer, WorldResource> resourceByType = new LinkedHashMap<>();
    private final Map<Integer, String> importedInterfaces = new LinkedHashMap<>();
    private final Map<Integer, String> exportedInterfaces = new LinkedHashMap<>();

    /** Loads the app's WIT with the features of {@code selected} (the bindings stage's choice) and views its world. */
    public static WorldView load(AppSpec app, SelectedWorld selected) {
        Resolve resolve = WitLoader.load(app.wit(), Set.copyOf(selected.features()), selected.allFeatures());
        return new WorldView(resolve, resolve.selectWorld(selected.world()));
    }

    /**
     * The view of {@code world}; an interface the world both imports and exports gets its own copy for the export
     * side ({@link Resolve#withDistinctExports}), so {@link #resolve()} may differ from {@code resolve}.
     */
    public WorldView(Resolve resolve, WitWorld world) {
        this.model = resolve;
        this.resolve = resolve.withDistinctExports(world.id());
        this.world = this.resolve.world(world.id());
        collect(this.world.imports(), false, imports);
        collect(this.world.exports(), true, exports);
        for (WorldFunction f : imports) checkSupported(f);
        for (WorldFunction f : exports) checkSupported(f);
    }

    private void collect(Map<String, WorldItem> items, boolean export, List<WorldFunction> out) {
        for (Map.Entry<String, WorldItem> e : items.entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.InterfaceItem ii) {
                (export ? exportedInterfaces : importedInterfaces).put(ii.interfaceId(), e.getKey());
                WitInterface iface = resolve.iface(ii.interfaceId());
                for (int typeId : iface.types().values()) addResource(typeId, export, e.getKey(), ii.interfaceId());
                for (WitFunction f : iface.functions().values()) {
                    out.add(new WorldFunction(out.size(), export, e.getKey(), ii.interfaceId(), f, resolve.functionName(f)));
                }
            } else if (item instanceof WorldItem.FunctionItem fi) {
                out.add(new WorldFunction(out.size(), export, null, null, fi.function(), resolve.functionName(fi.function())));
            } else if (item instanceof WorldItem.TypeItem ti) {
                addResource(ti.typeId(), export, null, null);
            }
        }
    }

    private void addResource(int typeId, boolean exported, String interfaceKey, Integer interfaceId) {
        TypeDef def = resolve.type(typeId);
        if (!(def.kind() instanceof TypeDefKind.ResourceDef) || resourceByType.containsKey(def.id())) return;
        WorldResource r = new WorldResource(resources.size(), def.id(), exported, interfaceKey, interfaceId, def.name());
        resources.add(r);
        resourceByType.put(def.id(), r);
    }

    private void checkSupported(WorldFunction f) {
        if (f.function().async()) {
            throw new PipelineException("`" + describe(f) + "` is an async function; async functions are not supported yet");
        }
        for (WitFunction.Param p : f.function().params()) checkType(f, p.type(), 0);
        if (f.function().result() != null) checkType(f, f.function().result(), 0);
    }

    private void checkType(WorldFunction f, WitType t, int depth) {
        if (depth > 100) return;
        WitType d = resolve.dealias(t);
        String unsupported = d instanceof WitType.FutureType ? "future"
                : d instanceof WitType.StreamType ? "stream"
                : d instanceof WitType.ErrorContextType ? "error-context"
                : d instanceof WitType.FixedListType ? "fixed-size list"
                : d instanceof WitType.MapType ? "map" : null;
        if (unsupported != null) {
            throw new PipelineException("`" + describe(f) + "` uses " + unsupported + ", which is not supported yet");
        }
        if (d instanceof WitType.ListType l) {
            checkType(f, l.element(), depth + 1);
        } else if (d instanceof WitType.OptionType o) {
            checkType(f, o.some(), depth + 1);
        } else if (d instanceof WitType.ResultType r) {
            if (r.ok() != null) checkType(f, r.ok(), depth + 1);
            if (r.err() != null) checkType(f, r.err(), depth + 1);
        } else if (d instanceof WitType.TupleType tt) {
            for (WitType x : tt.types()) checkType(f, x, depth + 1);
        } else if (d instanceof WitType.TypeRef ref) {
            TypeDefKind kind = resolve.type(ref.id()).kind();
            if (kind instanceof TypeDefKind.RecordDef r) {
                for (TypeDefKind.Field x : r.fields()) checkType(f, x.type(), depth + 1);
            } else if (kind instanceof TypeDefKind.VariantDef v) {
                for (TypeDefKind.Case x : v.cases()) if (x.type() != null) checkType(f, x.type(), depth + 1);
            }
        }
    }

    /** "wasi:cli/run#run" or "greet", for messages. */
    public static String describe(WorldFunction f) {
        return f.interfaceKey() == null ? f.name() : f.interfaceKey() + "#" + f.name();
    }

    public Resolve resolve() { return resolve; }

    /**
     * The model the view was made from, without export copies: the one the world's component type is encoded from
     * ({@link WorldTypeEncoder}), as wit-component encodes it; the world has the same id in both.
     */
    public Resolve model() { return model; }

    public WitWorld world() { return world; }

    public List<WorldFunction> imports() { return Collections.unmodifiableList(imports); }

    public List<WorldFunction> exports() { return Collections.unmodifiableList(exports); }

    public List<WorldResource> resources() { return Collections.unmodifiableList(resources); }

    /** The resource a handle refers to (aliases followed), or an error if the world does not carry it. */
    public WorldResource resourceOf(int typeId) {
        WorldResource r = resourceByType.get(resolve.dealiasDef(typeId).id());
        if (r == null) throw new PipelineException("resource `" + resolve.type(typeId).name() + "` is not part of the world");
        return r;
    }

    /** Interfaces the world imports: id → import name. */
    public Map<Integer, String> importedInterfaces() { return Collections.unmodifiableMap(importedInterfaces); }

    /** Interfaces the world exports: id → export name. */
    public Map<Integer, String> exportedInterfaces() { return Collections.unmodifiableMap(exportedInterfaces); }
}
