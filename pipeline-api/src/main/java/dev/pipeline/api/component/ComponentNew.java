package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wasm.TableType;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wasm.WasmOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@code component new}: wraps a core module that carries a {@code component-type:*} custom section (its world)
 * into a component, optionally with the WASI preview1 adapter. The world's imports are imported and lowered, the
 * adapter's WASI 0.2 imports likewise, main module and adapter are instantiated, and the memory/realloc cycle
 * between them is broken with a shim module (a table of indirect calls, instantiated first) and a fixup module
 * (fills the table once everything exists, then calls {@code _initialize}). The world's exports are lifted.
 */
public final class ComponentNew {
    /** The module name under which core modules import WASI preview1. */
    public static final String ADAPTER_NAME = "wasi_snapshot_preview1";
    /** Import module for world-level functions. */
    public static final String ROOT = "$root";

    private final Module main;
    private final Module adapter;
    private final WorldEncoding.World world;
    private final WorldEncoding.World adapterWorld;
    private final ComponentBuilder cb = new ComponentBuilder();
    private final Map<String, Integer> importedNames = new LinkedHashMap<>();
    private String producer = "pipeline";

    /** One function the shim table calls indirectly, filled by the fixup module. */
    private record Shim(FuncType type, IntSupplier fill) {}

    /** How one core import is satisfied: through shim slot {@code slot}, or directly by a core function. */
    private record Satisfier(int slot, IntSupplier coreFunc) {
        static Satisfier direct(IntSupplier coreFunc) { return new Satisfier(-1, coreFunc); }
    }

    private ComponentNew(Module main, Module adapter) {
        this.main = main;
        this.adapter = adapter;
        this.world = worldOf(main, "main module");
        this.adapterWorld = adapter == null ? null : worldOf(adapter, "adapter");
    }

    /** Builds the component from module binaries; {@code adapter} may be null when no WASI preview1 import exists. */
    public static byte[] encode(byte[] mainModule, byte[] adapterModule) {
        Module m = ModuleReader.read(mainModule, "main module");
        Module a = adapterModule == null ? null : ModuleReader.read(adapterModule, "adapter");
        return ComponentEncoder.encode(build(m, a));
    }

    /** Builds the component; the modules passed in are modified (metadata removed, adapter trimmed). */
    public static Component build(Module main, Module adapter) {
        boolean usesWasi = main.imports.stream().anyMatch(i -> i.module().equals(ADAPTER_NAME));
        if (usesWasi && adapter == null) {
            throw new PipelineException("the main module imports " + ADAPTER_NAME + " but no adapter module was given");
        }
        return new ComponentNew(main, usesWasi ? adapter : null).run();
    }

    private static WorldEncoding.World worldOf(Module m, String what) {
        List<CustomSection> sections = m.customSections.stream().filter(AdapterModule::isMetadata).toList();
        if (sections.isEmpty()) {
            throw new PipelineException("the " + what + " has no component-type custom section describing its world");
        }
        if (sections.size() > 1) {
            throw new PipelineException("the " + what + " has " + sections.size()
                    + " component-type custom sections; merging several worlds is not supported");
        }
        return WorldEncoding.decode(sections.get(0).data(), what + " " + sections.get(0).name());
    }

    private Component run() {
        WorldReplay mainReplay = new WorldReplay(world.type(), cb, importedNames);
        WorldReplay adapterReplay = adapter == null ? null : new WorldReplay(adapterWorld.type(), cb, importedNames);

        // 1. world exports' types first (named types), then imports as the modules need them
        for (int i = 0; i < mainReplay.declarators().size(); i++) {
            Declarator d = mainReplay.declarators().get(i);
            if (d instanceof Declarator.Export ex && ex.type().sort() == Sort.TYPE) mainReplay.require(i);
        }
        Set<String> adapterExportsUsed = new LinkedHashSet<>();
        for (Import imp : main.imports) {
            if (imp.kind() != ExternalKind.FUNC) {
                throw new PipelineException("the main module imports " + imp.kind().text() + " " + imp.module() + "."
                        + imp.name() + "; only function imports are supported");
            }
            if (imp.module().equals(ADAPTER_NAME)) adapterExportsUsed.add(imp.name());
        }
        if (adapter != null) AdapterModule.prepare(adapter, adapterExportsUsed);
        main.customSections.removeIf(AdapterModule::isMetadata);

        // 2. the embedded modules
        List<Shim> shims = new ArrayList<>();
        int mainModule = cb.coreModule(ModuleWriter.write(main));
        int adapterModule = adapter == null ? -1 : cb.coreModule(ModuleWriter.write(adapter));

        // 3. work out how each import is satisfied; indirect ones get a shim slot
        int[] mainMemory = {-1};
        int[] mainRealloc = {-1};
        int[] adapterInstance = {-1};
        Map<Import, Satisfier> mainImports = new LinkedHashMap<>();
        Map<Import, Satisfier> adapterImports = new LinkedHashMap<>();
        List<Runnable> directLowerings = new ArrayList<>();
        for (Import imp : main.imports) {
            FuncType type = main.types.get(imp.typeIndex());
            if (imp.module().equals(ADAPTER_NAME)) {
                mainImports.put(imp, slot(shims, type, () -> cb.coreExport(adapterInstance[0], Sort.CORE_FUNC, imp.name())));
            } else {
                mainImports.put(imp, lowering(mainReplay, imp, type, shims, mainMemory,
                        () -> mainRealloc[0], "main module", directLowerings));
            }
        }
        if (adapter != null) {
            for (Import imp : adapter.imports) {
                if (imp.module().equals("env") || imp.module().equals("__main_module__")) continue;
                if (imp.kind() != ExternalKind.FUNC) {
                    throw new PipelineException("the adapter imports " + imp.kind().text() + " " + imp.module() + "." + imp.name());
                }
                FuncType type = adapter.types.get(imp.typeIndex());
                adapterImports.put(imp, lowering(adapterReplay, imp, type, shims, mainMemory,
                        () -> cb.coreExport(adapterInstance[0], Sort.CORE_FUNC, "cabi_import_realloc"),
                        "adapter", directLowerings));
            }
        }

        // 4. the shim instance, then direct lowerings
        int shimInstance = -1;
        if (!shims.isEmpty()) shimInstance = cb.instantiateCore(cb.coreModule(shimModule(shims)), List.of());
        for (Runnable r : directLowerings) r.run();
        final int shimInst = shimInstance;

        // 5. instantiate the main module
        int mainInstance = cb.instantiateCore(mainModule, args(mainImports, shimInst));
        mainMemory[0] = cb.coreExport(mainInstance, Sort.CORE_MEMORY, requireExport(main, "memory", ExternalKind.MEMORY));
        boolean hasRealloc = main.export("cabi_realloc").isPresent();
        if (hasRealloc) mainRealloc[0] = cb.coreExport(mainInstance, Sort.CORE_FUNC, "cabi_realloc");

        // 6. instantiate the adapter with the main module's memory and realloc
        if (adapter != null) {
            List<CoreInstance.Arg> args = new ArrayList<>(args(adapterImports, shimInst));
            for (Import imp : adapter.imports) {
                if (imp.module().equals("env") && imp.kind() == ExternalKind.MEMORY) {
                    args.add(new CoreInstance.Arg("env", cb.coreExports(List.of(
                            new CoreInstance.InlineExport(imp.name(), Sort.CORE_MEMORY, mainMemory[0])))));
                } else if (imp.module().equals("__main_module__")) {
                    if (!main.export(imp.name()).isPresent()) {
                        throw new PipelineException("the adapter needs `" + imp.name() + "` exported by the main module");
                    }
                    args.add(new CoreInstance.Arg("__main_module__", cb.coreExports(List.of(
                            new CoreInstance.InlineExport(imp.name(), Sort.CORE_FUNC,
                                    cb.coreExport(mainInstance, Sort.CORE_FUNC, imp.name()))))));
                } else if (imp.module().equals("env")) {
                    throw new PipelineException("the adapter imports env." + imp.name() + ", which is not supported");
                }
            }
            args.sort(java.util.Comparator.comparing(CoreInstance.Arg::name));
            adapterInstance[0] = cb.instantiateCore(adapterModule, args);
        }

        // 7. fill the shim table and run _initialize
        boolean initialize = main.export("_initialize").isPresent();
        if (!shims.isEmpty() || initialize) {
            List<CoreInstance.InlineExport> fills = new ArrayList<>();
            if (!shims.isEmpty()) fills.add(new CoreInstance.InlineExport("$imports", Sort.CORE_TABLE,
                    cb.coreExport(shimInst, Sort.CORE_TABLE, "$imports")));
            for (int i = 0; i < shims.size(); i++) {
                fills.add(new CoreInstance.InlineExport(Integer.toString(i), Sort.CORE_FUNC, shims.get(i).fill().getAsInt()));
            }
            if (initialize) fills.add(new CoreInstance.InlineExport("_initialize", Sort.CORE_FUNC,
                    cb.coreExport(mainInstance, Sort.CORE_FUNC, "_initialize")));
            int fixupArgs = cb.coreExports(fills);
            cb.instantiateCore(cb.coreModule(fixupModule(shims, initialize)), List.of(new CoreInstance.Arg("", fixupArgs)));
        }

        // 8. lift the world's exports
        liftExports(mainReplay, mainInstance, mainMemory[0], mainRealloc[0]);
        cb.custom("producers", producers());
        return cb.build();
    }

    private Satisfier slot(List<Shim> shims, FuncType type, IntSupplier fill) {
        shims.add(new Shim(type, fill));
        return new Satisfier(shims.size() - 1, null);
    }

    /** Plans how one import of a module is lowered; returns a supplier of the core function (or shim slot). */
    private Satisfier lowering(WorldReplay replay, Import imp, FuncType coreType, List<Shim> shims, int[] memory,
                                 IntSupplier realloc, String who, List<Runnable> direct) {
        String module = imp.module();
        String field = imp.name();
        int[] coreFunc = {-1};
        if (module.startsWith("[export]")) {
            throw new PipelineException(who + " imports " + module + "." + field
                    + ": intrinsics of exported resources are not supported yet");
        }
        if (field.startsWith("[resource-drop]")) {
            String resource = field.substring("[resource-drop]".length());
            direct.add(() -> coreFunc[0] = cb.canon(new Canon.ResourceDrop(resourceType(replay, module, resource, who))));
            return Satisfier.direct(() -> coreFunc[0]);
        }
        TypeScope.Defined funcType;
        IntSupplier componentFunc;
        if (module.equals(ROOT)) {
            int decl = replay.importDecl(field);
            if (decl < 0) throw new PipelineException(who + " imports " + module + "." + field + ", which the world does not import");
            funcType = replay.scope.importedFuncs().get(field);
            if (funcType == null) throw new PipelineException("world import `" + field + "` is not a function");
            componentFunc = () -> {
                replay.require(decl);
                return replay.componentFunc(field);
            };
        } else {
            String name = interfaceName(replay, module, who, field);
            TypeScope.Instance inst = replay.scope.importedInstances().get(name);
            funcType = inst.funcs().get(field);
            if (funcType == null) {
                throw new PipelineException(who + " imports " + module + "." + field + ", but interface " + name
                        + " has no function `" + field + "`");
            }
            int decl = replay.importDecl(name);
            componentFunc = () -> {
                replay.require(decl);
                return cb.instanceExport(instanceIndex(replay, decl), Sort.FUNC, field);
            };
        }
        CanonicalAbi.Needs needs = CanonicalAbi.needs(funcType, false);
        if (!needs.memory() && !needs.realloc()) {
            direct.add(() -> coreFunc[0] = cb.lower(componentFunc.getAsInt(), List.of()));
            return Satisfier.direct(() -> coreFunc[0]);
        }
        return slot(shims, coreType, () -> {
            List<CanonOption> opts = new ArrayList<>();
            opts.add(CanonOption.UTF8);
            opts.add(new CanonOption.Memory(memory[0]));
            if (needs.realloc()) {
                int r = realloc.getAsInt();
                if (r < 0) throw new PipelineException("`" + field + "` returns strings or lists, so the main module must export cabi_realloc");
                opts.add(new CanonOption.Realloc(r));
            }
            return cb.lower(componentFunc.getAsInt(), opts);
        });
    }

    private static int instanceIndex(WorldReplay replay, int decl) {
        int worldInstance = 0;
        for (int i = 0; i < decl; i++) {
            Declarator d = replay.declarators().get(i);
            Sort s = d instanceof Declarator.Import im ? im.type().sort() : d instanceof Declarator.Export ex ? ex.type().sort()
                    : d instanceof Declarator.AliasDecl a ? a.alias().sort() : null;
            if (s == Sort.INSTANCE) worldInstance++;
        }
        return replay.componentInstance(worldInstance);
    }

    /** The world import matching a core import module name, exactly or by a compatible version. */
    private static String interfaceName(WorldReplay replay, String module, String who, String field) {
        Map<String, TypeScope.Instance> imported = replay.scope.importedInstances();
        if (imported.containsKey(module)) return module;
        int at = module.indexOf('@');
        if (at > 0) {
            String base = module.substring(0, at + 1);
            String version = module.substring(at + 1);
            for (String candidate : imported.keySet()) {
                if (candidate.startsWith(base) && compatible(version, candidate.substring(base.length()))) return candidate;
            }
        }
        throw new PipelineException(who + " imports " + module + "." + field + ", but the world imports no interface `"
                + module + "`");
    }

    /** Semver compatibility as wit-component applies it: same major, or same minor when major is 0. */
    private static boolean compatible(String a, String b) {
        String[] x = a.split("[.+-]");
        String[] y = b.split("[.+-]");
        if (x.length < 2 || y.length < 2 || !x[0].equals(y[0])) return false;
        return !x[0].equals("0") || x[1].equals(y[1]);
    }

    private int resourceType(WorldReplay replay, String module, String resource, String who) {
        if (module.equals(ROOT)) {
            int decl = replay.importDecl(resource);
            if (decl < 0) throw new PipelineException(who + " drops resource `" + resource + "`, which the world does not import");
            replay.require(decl);
            return importedTypeIndex(replay, decl);
        }
        String name = interfaceName(replay, module, who, "[resource-drop]" + resource);
        int decl = replay.importDecl(name);
        replay.require(decl);
        return cb.instanceExport(instanceIndex(replay, decl), Sort.TYPE, resource);
    }

    private static int importedTypeIndex(WorldReplay replay, int decl) {
        int worldType = 0;
        for (int i = 0; i < decl; i++) {
            Declarator d = replay.declarators().get(i);
            Sort s = d instanceof Declarator.Type ? Sort.TYPE : d instanceof Declarator.Import im ? im.type().sort()
                    : d instanceof Declarator.Export ex ? ex.type().sort()
                    : d instanceof Declarator.AliasDecl a ? a.alias().sort() : null;
            if (s == Sort.TYPE) worldType++;
        }
        return replay.componentType(worldType);
    }

    private List<CoreInstance.Arg> args(Map<Import, Satisfier> imports, int shimInstance) {
        Map<String, List<CoreInstance.InlineExport>> byModule = new LinkedHashMap<>();
        for (Map.Entry<Import, Satisfier> e : imports.entrySet()) {
            Import imp = e.getKey();
            Satisfier s = e.getValue();
            int func = s.slot() >= 0 ? cb.coreExport(shimInstance, Sort.CORE_FUNC, Integer.toString(s.slot()))
                    : s.coreFunc().getAsInt();
            byModule.computeIfAbsent(imp.module(), k -> new ArrayList<>())
                    .add(new CoreInstance.InlineExport(imp.name(), Sort.CORE_FUNC, func));
        }
        List<CoreInstance.Arg> args = new ArrayList<>();
        for (Map.Entry<String, List<CoreInstance.InlineExport>> e : byModule.entrySet()) {
            args.add(new CoreInstance.Arg(e.getKey(), cb.coreExports(e.getValue())));
        }
        return args;
    }

    private byte[] shimModule(List<Shim> shims) {
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref table = b.table(TableType.of(ValType.FUNCREF, Limits.of(shims.size(), (long) shims.size())));
        for (int i = 0; i < shims.size(); i++) {
            FuncType t = shims.get(i).type();
            int typeIndex = b.type(t);
            int slot = i;
            ModuleBuilder.Ref f = b.function(t, c -> {
                for (int p = 0; p < t.params().size(); p++) c.localGet(p);
                c.i32Const(slot).callIndirect(typeIndex, table);
            });
            b.export(Integer.toString(i), f);
        }
        b.export("$imports", table);
        return b.toBytes();
    }

    private byte[] fixupModule(List<Shim> shims, boolean initialize) {
        ModuleBuilder b = new ModuleBuilder();
        List<ModuleBuilder.Ref> funcs = new ArrayList<>();
        ModuleBuilder.Ref table = null;
        if (!shims.isEmpty()) {
            table = b.importTable("", "$imports", TableType.of(ValType.FUNCREF, Limits.of(shims.size(), (long) shims.size())));
            for (int i = 0; i < shims.size(); i++) funcs.add(b.importFunction("", Integer.toString(i), shims.get(i).type()));
            b.elements(table, 0, funcs);
        }
        if (initialize) {
            ModuleBuilder.Ref init = b.importFunction("", "_initialize", FuncType.of(List.of(), List.of()));
            b.start(b.function(FuncType.of(List.of(), List.of()), c -> c.call(init)));
        }
        return b.toBytes();
    }

    private void liftExports(WorldReplay replay, int mainInstance, int memory, int realloc) {
        List<Declarator> decls = replay.declarators();
        int worldType = 0;
        for (int i = 0; i < decls.size(); i++) {
            Declarator d = decls.get(i);
            if (d instanceof Declarator.Export ex && ex.type().sort() == Sort.FUNC) {
                String name = ex.name().name();
                int type = replay.componentType(ex.type().index());
                int lifted = lift(name, name, replay.scope.exportedFuncs().get(name), type, mainInstance, memory, realloc);
                cb.export(ex.name(), Sort.FUNC, lifted, null);
            } else if (d instanceof Declarator.Export ex && ex.type().sort() == Sort.INSTANCE) {
                exportInterface(replay, ex, mainInstance, memory, realloc);
            }
        }
    }

    private int lift(String coreName, String name, TypeScope.Defined funcType, int type, int mainInstance, int memory,
                     int realloc) {
        Export core = main.export(coreName).orElseThrow(() -> new PipelineException(
                "the world exports `" + name + "` but the main module has no export `" + coreName + "`"));
        if (core.kind() != ExternalKind.FUNC) throw new PipelineException("main module export `" + coreName + "` is not a function");
        CanonicalAbi.Needs needs = CanonicalAbi.needs(funcType, true);
        List<CanonOption> opts = new ArrayList<>();
        opts.add(CanonOption.UTF8);
        if (needs.memory()) opts.add(new CanonOption.Memory(memory));
        if (needs.realloc()) {
            if (realloc < 0) throw new PipelineException("`" + name + "` takes strings or lists, so the main module must export cabi_realloc");
            opts.add(new CanonOption.Realloc(realloc));
        }
        String postReturn = "cabi_post_" + coreName;
        if (main.export(postReturn).isPresent()) {
            opts.add(new CanonOption.PostReturn(cb.coreExport(mainInstance, Sort.CORE_FUNC, postReturn)));
        }
        return cb.lift(cb.coreExport(mainInstance, Sort.CORE_FUNC, coreName), opts, type);
    }

    /** Lifts an exported interface's functions and bundles them, with its named types, into an exported instance. */
    private void exportInterface(WorldReplay replay, Declarator.Export ex, int mainInstance, int memory, int realloc) {
        String iface = ex.name().name();
        TypeScope.Entry typeEntry = replay.scope.type(ex.type().index());
        TypeDef.InstanceType it = (TypeDef.InstanceType) ((TypeScope.Defined) typeEntry).def();
        TypeScope.Instance instance = replay.scope.exportedInstances().get(iface);
        List<Integer> local = new ArrayList<>();
        List<ComponentInstance.InlineExport> exports = new ArrayList<>();
        for (Declarator d : it.declarators()) {
            if (d instanceof Declarator.Type t) {
                local.add(cb.type(TypeRemapper.remap(t.def(), 0, local::get)));
            } else if (d instanceof Declarator.AliasDecl a && a.alias() instanceof Alias.Outer o && o.count() == 1) {
                local.add(replay.componentType(o.index()));
            } else if (d instanceof Declarator.Export e && e.type().sort() == Sort.TYPE && !e.type().subResource()) {
                int idx = local.get(e.type().index());
                exports.add(new ComponentInstance.InlineExport(e.name(), Sort.TYPE, idx));
                local.add(idx);
            } else if (d instanceof Declarator.Export e && e.type().sort() == Sort.FUNC) {
                String f = e.name().name();
                int lifted = lift(iface + "#" + f, iface + "#" + f, instance.funcs().get(f), local.get(e.type().index()),
                        mainInstance, memory, realloc);
                exports.add(new ComponentInstance.InlineExport(e.name(), Sort.FUNC, lifted));
            } else {
                throw new PipelineException("exported interface " + iface + " declares " + d
                        + ", which is not supported yet (exported resources)");
            }
        }
        int inst = cb.instance(new ComponentInstance.FromExports(exports));
        cb.export(ex.name(), Sort.INSTANCE, inst, null);
    }

    private byte[] producers() {
        WasmOutput w = new WasmOutput();
        w.u32(1).name("processed-by").u32(1).name(producer).name(version());
        return w.toByteArray();
    }

    private static String version() {
        String v = ComponentNew.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String requireExport(Module m, String name, ExternalKind kind) {
        Export e = m.export(name).orElseThrow(() -> new PipelineException("the main module must export its " + kind.text()
                + " as `" + name + "`"));
        if (e.kind() != kind) throw new PipelineException("the main module's export `" + name + "` is not a " + kind.text());
        return name;
    }
}
