package dev.pipeline.api.component;

import dev.pipeline.api.abi.CanonicalAbi;

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
import dev.pipeline.api.wasm.ModuleValidator;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wasm.TableType;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wasm.WasmOutput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@code component new}: wraps a core module that carries a {@code component-type} custom section (its world)
 * into a component, optionally with the WASI preview1 adapter. The world's imports are imported and lowered, the
 * adapter's WASI 0.2 imports likewise, main module and adapter are instantiated, and the cycles between them
 * (memory, realloc, resource destructors, adapter exports used by the main module) are broken with a shim module
 * (a table of indirect calls, instantiated first) and a fixup module (fills the table once everything exists, then
 * calls the main module's initialiser). The world's exports are lifted. Both core naming conventions
 * ({@link CoreNames}) are understood. A main module may carry more than one {@code component-type} section, as
 * wasm-ld leaves them when a library brings its own (wasi-libc for wasm32-wasip2 describes the wasi:sockets and
 * wasi:io interfaces it calls): the sections are merged, one world with exports at most, the others only import.
 */
public final class ComponentNew {
    /** The module name under which core modules import WASI preview1. */
    public static final String ADAPTER_NAME = "wasi_snapshot_preview1";

    private final Module main;
    private final Module adapter;
    private final CoreNames names;
    private final WorldEncoding.World world;
    private final WorldEncoding.World adapterWorld;
    /** The main module's import-only worlds besides {@link #world} (libraries' own component-type sections). */
    private final List<WorldEncoding.World> libraryWorlds;
    private final ComponentBuilder cb = new ComponentBuilder();
    private final Map<String, Integer> importedNames = new LinkedHashMap<>();
    private final List<Shim> shims = new ArrayList<>();
    private final List<Runnable> directLowerings = new ArrayList<>();
    /** Exported resources ("iface/resource") → their component type index, once defined. */
    private final Map<String, Integer> exportedResources = new LinkedHashMap<>();
    private int shimInstance = -1;
    private int mainInstance = -1;
    private int adapterInstance = -1;
    private int mainMemory = -1;
    private int mainRealloc = -1;
    /** The world imports (declarator indices) each replayed world needs, by replay. */
    private final Map<WorldReplay, java.util.SortedSet<Integer>> needed = new java.util.IdentityHashMap<>();

    /** One function the shim table calls indirectly; {@code fill} yields the real core function later. */
    private record Shim(FuncType type, IntSupplier fill) {}

    /** How one core import is satisfied: through shim slot {@code slot}, or directly by a core function. */
    private record Satisfier(int slot, IntSupplier coreFunc) {
        static Satisfier direct(IntSupplier coreFunc) { return new Satisfier(-1, coreFunc); }
    }

    private ComponentNew(Module main, WorldEncoding.World world, Module adapter) {
        this.main = main;
        this.adapter = adapter;
        this.names = CoreNames.detect(main);
        List<WorldEncoding.World> sections = worldsOf(main, "main module");
        if (world == null && sections.isEmpty()) {
            throw new PipelineException("the main module has no component-type custom section describing its world");
        }
        List<WorldEncoding.World> withExports = sections.stream().filter(ComponentNew::hasExports).toList();
        if (withExports.size() > 1) {
            throw new PipelineException("the main module has " + withExports.size() + " component-type custom sections "
                    + "whose worlds export something; merging several worlds with exports is not supported");
        }
        this.world = world != null ? world : withExports.isEmpty() ? sections.get(0) : withExports.get(0);
        this.libraryWorlds = sections.stream().filter(w -> w != this.world && !hasExports(w)).toList();
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
        return build(main, null, adapter);
    }

    /**
     * Builds the component for {@code world} (null: the world in the main module's {@code component-type} section);
     * {@code adapter} may be null when the main module does not import WASI preview1. The modules are modified.
     */
    public static Component build(Module main, WorldEncoding.World world, Module adapter) {
        // index errors in the modules are reported here, with offsets, rather than by a host much later
        ModuleValidator.check(main, "main module");
        if (adapter != null) ModuleValidator.check(adapter, "adapter");
        boolean usesWasi = main.imports.stream().anyMatch(i -> i.module().equals(ADAPTER_NAME));
        if (usesWasi && adapter == null) {
            throw new PipelineException(null, "the main module imports " + ADAPTER_NAME + " but no adapter module was given",
                    "pass wasi_snapshot_preview1.reactor.wasm (shipped in jco's npm package) as the adapter");
        }
        return new ComponentNew(main, world, usesWasi ? adapter : null).run();
    }

    /** The world a module's only {@code component-type} custom section describes. */
    public static WorldEncoding.World worldOf(Module m, String what) {
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

    /** The worlds of all of a module's {@code component-type} custom sections, in section order. */
    public static List<WorldEncoding.World> worldsOf(Module m, String what) {
        List<WorldEncoding.World> worlds = new ArrayList<>();
        for (CustomSection c : m.customSections) {
            if (AdapterModule.isMetadata(c)) worlds.add(WorldEncoding.decode(c.data(), what + " " + c.name()));
        }
        return worlds;
    }

    private static boolean hasExports(WorldEncoding.World w) {
        return w.type().declarators().stream().anyMatch(d -> d instanceof Declarator.Export ex
                && (ex.type().sort() == Sort.FUNC || ex.type().sort() == Sort.INSTANCE));
    }

    private WorldReplay replay(DefType.ComponentType type) {
        WorldReplay r = new WorldReplay(type, cb, importedNames);
        needed.put(r, new java.util.TreeSet<>());
        return r;
    }

    private Component run() {
        WorldReplay mainReplay = replay(world.type());
        List<WorldReplay> libraryReplays = libraryWorlds.stream().map(w -> replay(w.type())).toList();
        WorldReplay adapterReplay = adapter == null ? null : replay(adapterWorld.type());

        // 1. the world's named types, then the modules (the adapter trimmed to what is used)
        for (int i = 0; i < mainReplay.declarators().size(); i++) {
            if (mainReplay.declarators().get(i) instanceof Declarator.Export ex && ex.type().sort() == Sort.TYPE) {
                mainReplay.require(i);
            }
        }
        prepareModules(adapterReplay);
        int mainModule = cb.coreModule(ModuleWriter.write(main));
        int adapterModule = adapter == null ? -1 : cb.coreModule(ModuleWriter.write(adapter));

        // 2. how each import is satisfied; indirect ones get a shim slot
        Map<Import, Satisfier> mainImports = planMainImports(mainReplay, libraryReplays);
        Map<Import, Satisfier> adapterImports = planAdapterImports(adapterReplay);
        List<String> resources = exportedResourceKeys(mainReplay);
        List<Integer> destructorSlots = planDestructors(resources);

        // 3. the world imports in world order (semver-compatible versions of one interface become one import, the
        //    newest), the shim instance, exported resource types, direct lowerings
        List<WorldReplay> replays = new ArrayList<>();
        replays.add(mainReplay);
        replays.addAll(libraryReplays);
        if (adapterReplay != null) replays.add(adapterReplay);
        // versions are unified over everything each world brings in, including the interfaces the needed ones use
        // (wasi:sockets/tcp@0.2.0 uses wasi:io/poll@0.2.0, which must become the adapter's newer wasi:io/poll)
        Map<WorldReplay, java.util.SortedSet<Integer>> closures = new java.util.IdentityHashMap<>();
        for (WorldReplay r : replays) closures.put(r, r.importClosure(needed.get(r)));
        for (int i = 0; i < replays.size(); i++) {
            for (int j = i + 1; j < replays.size(); j++) {
                unifyVersions(replays.get(i), closures.get(replays.get(i)), replays.get(j), closures.get(replays.get(j)));
            }
        }
        for (WorldReplay r : replays) for (int decl : needed.get(r)) r.require(decl);
        if (!shims.isEmpty()) shimInstance = cb.instantiateCore(cb.coreModule(shimModule()), List.of());
        for (int i = 0; i < resources.size(); i++) {
            int slot = destructorSlots.get(i);
            Integer dtor = slot < 0 ? null : cb.coreExport(shimInstance, Sort.CORE_FUNC, Integer.toString(slot));
            exportedResources.put(resources.get(i), cb.type(new DefType.Resource(ValType.I32, dtor)));
        }
        for (Runnable r : directLowerings) r.run();

        // 4. the main module, then the adapter with the main module's memory and realloc
        mainInstance = cb.instantiateCore(mainModule, args(mainImports));
        mainMemory = cb.coreExport(mainInstance, Sort.CORE_MEMORY, requireExport(names.memory(), ExternalKind.MEMORY));
        if (main.export(names.realloc()).isPresent()) mainRealloc = cb.coreExport(mainInstance, Sort.CORE_FUNC, names.realloc());
        if (adapter != null) adapterInstance = instantiateAdapter(adapterModule, adapterImports);

        // 5. fill the shim table and run the initialiser
        instantiateFixup();

        // 6. lift the world's exports, and the adapter's (the command adapter exports wasi:cli/run)
        liftExports(mainReplay, new Exporter("main module", main, mainInstance, names, mainRealloc));
        if (adapter != null) {
            int adapterRealloc = adapter.export("cabi_export_realloc").isPresent()
                    ? cb.coreExport(adapterInstance, Sort.CORE_FUNC, "cabi_export_realloc") : -1;
            liftExports(adapterReplay, new Exporter("adapter", adapter, adapterInstance, CoreNames.LEGACY, adapterRealloc));
        }
        cb.custom("producers", producers());
        return cb.build();
    }

    /** Checks the main module's imports, trims the adapter to what is used, and drops world metadata from both. */
    private void prepareModules(WorldReplay adapterReplay) {
        Set<String> adapterExportsUsed = new LinkedHashSet<>();
        for (Import imp : main.imports) {
            if (imp.kind() != ExternalKind.FUNC) {
                throw new PipelineException("the main module imports " + imp.kind().text() + " " + imp.module() + "."
                        + imp.name() + "; only function imports are supported");
            }
            if (imp.module().equals(ADAPTER_NAME)) adapterExportsUsed.add(imp.name());
        }
        if (adapter != null) {
            // the adapter's own world exports (wasi:cli/run of the command adapter) are implemented by its exports
            for (Map.Entry<String, TypeScope.Instance> e : adapterReplay.scope().exportedInstances().entrySet()) {
                for (String f : e.getValue().funcs().keySet()) adapterExportsUsed.add(CoreNames.LEGACY.export(e.getKey(), f));
            }
            adapterExportsUsed.addAll(adapterReplay.scope().exportedFuncs().keySet());
            AdapterModule.prepare(adapter, adapterExportsUsed, main.export(names.realloc()).isPresent());
        }
        main.customSections.removeIf(AdapterModule::isMetadata);
    }

    private Map<Import, Satisfier> planMainImports(WorldReplay replay, List<WorldReplay> libraries) {
        Map<Import, Satisfier> plan = new LinkedHashMap<>();
        for (Import imp : main.imports) {
            FuncType type = main.types.get(imp.typeIndex());
            if (imp.module().equals(ADAPTER_NAME)) {
                plan.put(imp, slot(type, () -> cb.coreExport(adapterInstance, Sort.CORE_FUNC, imp.name())));
                continue;
            }
            // the main world first; an import it does not provide may come from a library's world (named as
            // wit-bindgen's C bindings name them, the legacy convention)
            WorldReplay from = replay;
            CoreNames convention = names;
            if (!provides(replay, names, imp)) {
                for (WorldReplay lib : libraries) {
                    if (provides(lib, CoreNames.LEGACY, imp)) {
                        from = lib;
                        convention = CoreNames.LEGACY;
                        break;
                    }
                }
            }
            plan.put(imp, lowering(from, convention, imp, type, () -> mainRealloc, "main module"));
        }
        return plan;
    }

    /** Whether a world imports what core import {@code imp} (named by {@code convention}) refers to. */
    private static boolean provides(WorldReplay replay, CoreNames convention, Import imp) {
        CoreNames.ImportRef ref = convention.parse(imp.module(), imp.name());
        if (ref == null || ref.exported()) return ref != null;
        if (ref.iface() == null) return replay.importDecl(ref.name()) >= 0;
        for (String candidate : replay.scope().importedInstances().keySet()) {
            if (convention.matches(ref.iface(), candidate)) return true;
        }
        return false;
    }

    private Map<Import, Satisfier> planAdapterImports(WorldReplay replay) {
        Map<Import, Satisfier> plan = new LinkedHashMap<>();
        if (adapter == null) return plan;
        for (Import imp : adapter.imports) {
            if (imp.module().equals("env") || imp.module().equals("__main_module__")) continue;
            if (imp.kind() != ExternalKind.FUNC) {
                throw new PipelineException("the adapter imports " + imp.kind().text() + " " + imp.module() + "." + imp.name());
            }
            plan.put(imp, lowering(replay, CoreNames.LEGACY, imp, adapter.types.get(imp.typeIndex()),
                    () -> cb.coreExport(adapterInstance, Sort.CORE_FUNC, "cabi_import_realloc"), "adapter"));
        }
        return plan;
    }

    /** A shim slot for each exported resource's destructor (the main module exists only later), or -1 for none. */
    private List<Integer> planDestructors(List<String> resources) {
        List<Integer> slots = new ArrayList<>();
        for (String key : resources) {
            String iface = key.substring(0, key.lastIndexOf('/'));
            String dtor = names.destructor(iface, key.substring(key.lastIndexOf('/') + 1));
            slots.add(main.export(dtor).isPresent()
                    ? slot(FuncType.of(List.of(ValType.I32), List.of()), () -> cb.coreExport(mainInstance, Sort.CORE_FUNC, dtor)).slot()
                    : -1);
        }
        return slots;
    }

    /** Instantiates the fixup module: it fills the shim table with the real functions and calls the initialiser. */
    private void instantiateFixup() {
        boolean initialize = main.export(names.initialize()).isPresent();
        if (shims.isEmpty() && !initialize) return;
        List<CoreInstance.InlineExport> fills = new ArrayList<>();
        if (!shims.isEmpty()) fills.add(new CoreInstance.InlineExport("$imports", Sort.CORE_TABLE,
                cb.coreExport(shimInstance, Sort.CORE_TABLE, "$imports")));
        for (int i = 0; i < shims.size(); i++) {
            fills.add(new CoreInstance.InlineExport(Integer.toString(i), Sort.CORE_FUNC, shims.get(i).fill().getAsInt()));
        }
        if (initialize) fills.add(new CoreInstance.InlineExport("_initialize", Sort.CORE_FUNC,
                cb.coreExport(mainInstance, Sort.CORE_FUNC, names.initialize())));
        int fixupArgs = cb.coreExports(fills);
        cb.instantiateCore(cb.coreModule(fixupModule(initialize)), List.of(new CoreInstance.Arg("", fixupArgs)));
    }

    /**
     * Where the main world and the adapter's world import semver-compatible versions of the same interface
     * ({@code wasi:cli/environment@0.2.3} and {@code @0.2.12}), both use the newest one, as wit-component does.
     */
    private static void unifyVersions(WorldReplay a, java.util.SortedSet<Integer> aNeeded, WorldReplay b,
                                      java.util.SortedSet<Integer> bNeeded) {
        for (int da : aNeeded) {
            String na = importName(a, da);
            for (int db : bNeeded) {
                String nb = importName(b, db);
                if (na == null || nb == null || na.equals(nb) || !sameInterface(na, nb)) continue;
                boolean aNewer = compareVersions(version(na), version(nb)) > 0;
                WorldReplay keep = aNewer ? a : b;
                int keepDecl = aNewer ? da : db;
                (aNewer ? b : a).redirect(aNewer ? db : da, () -> instanceOf(keep, keepDecl));
            }
        }
    }

    private static String importName(WorldReplay r, int decl) {
        return r.declarators().get(decl) instanceof Declarator.Import im && im.type().sort() == Sort.INSTANCE
                ? im.name().name() : null;
    }

    private static boolean sameInterface(String x, String y) {
        int ax = x.indexOf('@');
        int ay = y.indexOf('@');
        return ax > 0 && ay == ax && x.regionMatches(0, y, 0, ax) && CoreNames.compatible(version(x), version(y));
    }

    private static String version(String name) { return name.substring(name.indexOf('@') + 1); }

    private static int compareVersions(String x, String y) {
        String[] a = x.split("[.+-]");
        String[] b = y.split("[.+-]");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c;
            try {
                c = Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]));
            } catch (NumberFormatException e) {
                c = a[i].compareTo(b[i]);
            }
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    }

    private int instantiateAdapter(int adapterModule, Map<Import, Satisfier> adapterImports) {
        List<CoreInstance.Arg> args = new ArrayList<>(args(adapterImports));
        List<CoreInstance.InlineExport> fromMain = new ArrayList<>(); // one instance for all of __main_module__
        for (Import imp : adapter.imports) {
            if (imp.module().equals("env") && imp.kind() == ExternalKind.MEMORY) {
                args.add(new CoreInstance.Arg("env", cb.coreExports(List.of(
                        new CoreInstance.InlineExport(imp.name(), Sort.CORE_MEMORY, mainMemory)))));
            } else if (imp.module().equals("__main_module__")) {
                String provided = imp.name().equals("cabi_realloc") ? names.realloc() : imp.name();
                if (main.export(provided).isEmpty()) {
                    throw new PipelineException("the adapter needs `" + provided + "` exported by the main module");
                }
                fromMain.add(new CoreInstance.InlineExport(imp.name(), Sort.CORE_FUNC,
                        cb.coreExport(mainInstance, Sort.CORE_FUNC, provided)));
            } else if (imp.module().equals("env")) {
                throw new PipelineException("the adapter imports env." + imp.name() + ", which is not supported");
            }
        }
        if (!fromMain.isEmpty()) args.add(new CoreInstance.Arg("__main_module__", cb.coreExports(fromMain)));
        args.sort(Comparator.comparing(CoreInstance.Arg::name));
        return cb.instantiateCore(adapterModule, args);
    }

    private Satisfier slot(FuncType type, IntSupplier fill) {
        shims.add(new Shim(type, fill));
        return new Satisfier(shims.size() - 1, null);
    }

    /** Plans how one import of a module is satisfied. */
    private Satisfier lowering(WorldReplay replay, CoreNames convention, Import imp, FuncType coreType,
                               IntSupplier realloc, String who) {
        CoreNames.ImportRef ref = convention.parse(imp.module(), imp.name());
        java.util.SortedSet<Integer> needed = this.needed.get(replay);
        String what = who + " imports " + imp.module() + "." + imp.name();
        if (ref == null) throw new PipelineException(what + ", which the world does not provide");
        int[] coreFunc = {-1};
        if (ref.exported()) {
            String key = exportedInterface(replay, convention, ref.iface(), what) + "/" + ref.name();
            if (!exportedResourceKeys(replay).contains(key)) {
                throw new PipelineException(what + ", but the world exports no resource `" + ref.name() + "` there");
            }
            directLowerings.add(() -> {
                int t = exportedResources.get(key);
                coreFunc[0] = cb.canon(switch (ref.intrinsic()) {
                    case RESOURCE_NEW -> new Canon.ResourceNew(t);
                    case RESOURCE_REP -> new Canon.ResourceRep(t);
                    default -> new Canon.ResourceDrop(t);
                });
            });
            return Satisfier.direct(() -> coreFunc[0]);
        }
        if (ref.intrinsic() == CoreNames.Intrinsic.RESOURCE_DROP) {
            int decl = replay.importDecl(ref.iface() == null ? ref.name() : importedInterface(replay, convention, ref.iface(), what));
            if (decl >= 0) needed.add(decl);
            directLowerings.add(() -> coreFunc[0] = cb.canon(new Canon.ResourceDrop(
                    importedResource(replay, convention, ref, what))));
            return Satisfier.direct(() -> coreFunc[0]);
        }
        if (ref.intrinsic() != CoreNames.Intrinsic.FUNC) throw new PipelineException(what + ": not an imported item");
        CanonicalAbi.Options needs;
        IntSupplier componentFunc;
        if (ref.iface() == null) {
            int decl = replay.importDecl(ref.name());
            if (decl < 0 || replay.scope().importedFuncs().get(ref.name()) == null) {
                throw new PipelineException(what + ", which the world does not import");
            }
            needs = replay.options(null, ref.name(), CanonicalAbi.Context.LOWER);
            needed.add(decl);
            componentFunc = () -> {
                replay.require(decl);
                return replay.componentFunc(ref.name());
            };
        } else {
            String name = importedInterface(replay, convention, ref.iface(), what);
            if (replay.scope().importedInstances().get(name).funcs().get(ref.name()) == null) {
                throw new PipelineException(what + ", but interface " + name + " has no function `" + ref.name() + "`");
            }
            needs = replay.options(name, ref.name(), CanonicalAbi.Context.LOWER);
            int decl = replay.importDecl(name);
            needed.add(decl);
            componentFunc = () -> cb.instanceExport(instanceOf(replay, decl), Sort.FUNC, ref.name());
        }
        if (!needs.memory() && !needs.realloc()) {
            directLowerings.add(() -> coreFunc[0] = cb.lower(componentFunc.getAsInt(), List.of()));
            return Satisfier.direct(() -> coreFunc[0]);
        }
        return slot(coreType, () -> {
            List<CanonOption> opts = new ArrayList<>();
            opts.add(CanonOption.UTF8);
            opts.add(new CanonOption.Memory(mainMemory));
            if (needs.realloc()) {
                int r = realloc.getAsInt();
                if (r < 0) throw new PipelineException(what + ", which returns strings or lists, so the main module must export "
                        + names.realloc());
                opts.add(new CanonOption.Realloc(r));
            }
            return cb.lower(componentFunc.getAsInt(), opts);
        });
    }

    /** The component instance for the world import at declarator {@code decl}, replaying it if needed. */
    private static int instanceOf(WorldReplay replay, int decl) {
        replay.require(decl);
        return replay.componentInstance(replay.instanceIndexOf(decl));
    }

    private int importedResource(WorldReplay replay, CoreNames convention, CoreNames.ImportRef ref, String what) {
        if (ref.iface() == null) {
            int decl = replay.importDecl(ref.name());
            if (decl < 0) throw new PipelineException(what + ", but the world imports no resource `" + ref.name() + "`");
            replay.require(decl);
            return replay.componentType(replay.typeIndexOf(decl));
        }
        String name = importedInterface(replay, convention, ref.iface(), what);
        return cb.instanceExport(instanceOf(replay, replay.importDecl(name)), Sort.TYPE, ref.name());
    }

    private static String importedInterface(WorldReplay replay, CoreNames convention, String iface, String what) {
        for (String candidate : replay.scope().importedInstances().keySet()) {
            if (convention.matches(iface, candidate)) return candidate;
        }
        throw new PipelineException(what + ", but the world imports no interface `" + iface + "`");
    }

    private static String exportedInterface(WorldReplay replay, CoreNames convention, String iface, String what) {
        for (String candidate : replay.scope().exportedInstances().keySet()) {
            if (convention.matches(iface, candidate)) return candidate;
        }
        throw new PipelineException(what + ", but the world exports no interface `" + iface + "`");
    }

    /** "iface/resource" for every resource declared by an exported interface, in world order. */
    private static List<String> exportedResourceKeys(WorldReplay replay) {
        List<String> keys = new ArrayList<>();
        for (Declarator d : replay.declarators()) {
            if (!(d instanceof Declarator.Export ex) || ex.type().sort() != Sort.INSTANCE) continue;
            TypeScope.Entry t = replay.scope().type(ex.type().index());
            for (Declarator inner : ((DefType.InstanceType) ((TypeScope.Defined) t).def()).declarators()) {
                if (inner instanceof Declarator.Export e && e.type().sort() == Sort.TYPE && e.type().subResource()) {
                    keys.add(ex.name().name() + "/" + e.name().name());
                }
            }
        }
        return keys;
    }

    private List<CoreInstance.Arg> args(Map<Import, Satisfier> imports) {
        Map<String, List<CoreInstance.InlineExport>> byModule = new LinkedHashMap<>();
        for (Map.Entry<Import, Satisfier> e : imports.entrySet()) {
            Satisfier s = e.getValue();
            int func = s.slot() >= 0 ? cb.coreExport(shimInstance, Sort.CORE_FUNC, Integer.toString(s.slot()))
                    : s.coreFunc().getAsInt();
            byModule.computeIfAbsent(e.getKey().module(), k -> new ArrayList<>())
                    .add(new CoreInstance.InlineExport(e.getKey().name(), Sort.CORE_FUNC, func));
        }
        List<CoreInstance.Arg> args = new ArrayList<>();
        for (Map.Entry<String, List<CoreInstance.InlineExport>> e : byModule.entrySet()) {
            args.add(new CoreInstance.Arg(e.getKey(), cb.coreExports(e.getValue())));
        }
        return args;
    }

    private byte[] shimModule() {
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref table = b.table(TableType.of(ValType.FUNCREF, Limits.of(shims.size(), (long) shims.size())));
        for (int i = 0; i < shims.size(); i++) {
            FuncType t = shims.get(i).type();
            int typeIndex = b.type(t);
            int slot = i;
            b.export(Integer.toString(i), b.function(t, c -> {
                for (int p = 0; p < t.params().size(); p++) c.localGet(p);
                c.i32Const(slot).callIndirect(typeIndex, table);
            }));
        }
        b.export("$imports", table);
        return b.toBytes();
    }

    private byte[] fixupModule(boolean initialize) {
        ModuleBuilder b = new ModuleBuilder();
        if (!shims.isEmpty()) {
            ModuleBuilder.Ref table = b.importTable("", "$imports",
                    TableType.of(ValType.FUNCREF, Limits.of(shims.size(), (long) shims.size())));
            List<ModuleBuilder.Ref> funcs = new ArrayList<>();
            for (int i = 0; i < shims.size(); i++) funcs.add(b.importFunction("", Integer.toString(i), shims.get(i).type()));
            b.elements(table, 0, funcs);
        }
        if (initialize) {
            ModuleBuilder.Ref init = b.importFunction("", "_initialize", FuncType.of(List.of(), List.of()));
            b.start(b.function(FuncType.of(List.of(), List.of()), c -> c.call(init)));
        }
        return b.toBytes();
    }

    /** The module whose exports implement a world's exports: its instance, naming convention and allocator. */
    private record Exporter(String who, Module module, int instance, CoreNames names, int realloc) {}

    private void liftExports(WorldReplay replay, Exporter from) {
        for (int i = 0; i < replay.declarators().size(); i++) {
            Declarator d = replay.declarators().get(i);
            if (d instanceof Declarator.Export ex && ex.type().sort() == Sort.FUNC) {
                String name = ex.name().name();
                int lifted = lift(from, from.names().export(null, name), replay.options(null, name, CanonicalAbi.Context.LIFT),
                        replay.componentType(ex.type().index()));
                cb.export(ex.name(), Sort.FUNC, lifted, null);
            } else if (d instanceof Declarator.Export ex && ex.type().sort() == Sort.INSTANCE) {
                replay.exported(i, exportInterface(replay, ex, from));
            }
        }
    }

    private int lift(Exporter from, String coreName, CanonicalAbi.Options needs, int type) {
        Export core = from.module().export(coreName).orElseThrow(() -> new PipelineException(
                "the world exports a function the " + from.who() + " does not implement: no export `" + coreName + "`"));
        if (core.kind() != ExternalKind.FUNC) throw new PipelineException(from.who() + " export `" + coreName + "` is not a function");
        List<CanonOption> opts = new ArrayList<>();
        opts.add(CanonOption.UTF8);
        if (needs.memory()) opts.add(new CanonOption.Memory(mainMemory));
        if (needs.realloc()) {
            if (from.realloc() < 0) {
                throw new PipelineException("`" + coreName + "` takes strings or lists, so the " + from.who() + " must export "
                        + from.names().realloc());
            }
            opts.add(new CanonOption.Realloc(from.realloc()));
        }
        String postReturn = from.names().postReturn(coreName);
        if (from.module().export(postReturn).isPresent()) {
            opts.add(new CanonOption.PostReturn(cb.coreExport(from.instance(), Sort.CORE_FUNC, postReturn)));
        }
        return cb.lift(cb.coreExport(from.instance(), Sort.CORE_FUNC, coreName), opts, type);
    }

    /**
     * Lifts an exported interface's functions and exports them as an instance made by a small nested component
     * (as wit-component does): it imports the lifted functions, the interface's resources and the types it uses
     * from other interfaces ({@link ShimImports}), and re-exports them with the interface's names, so that every
     * type in the exported instance is named. Returns the index of the exported instance, whose types other
     * exported interfaces may use.
     */
    private int exportInterface(WorldReplay replay, Declarator.Export ex, Exporter from) {
        String iface = ex.name().name();
        TypeScope.Entry typeEntry = replay.scope().type(ex.type().index());
        DefType.InstanceType it = (DefType.InstanceType) ((TypeScope.Defined) typeEntry).def();
        ShimImports shim = new ShimImports(e -> outerType(replay, e));
        ComponentBuilder nested = shim.nested();
        List<Integer> outer = new ArrayList<>();      // interface type index -> this component's type index
        List<Integer> importSide = new ArrayList<>(); // -> nested type index used to type the nested imports
        List<Integer> exportSide = new ArrayList<>(); // -> nested type index used to type the nested exports
        for (Declarator d : it.declarators()) {
            if (d instanceof Declarator.Type t) {
                outer.add(cb.type(TypeRemapper.remap(t.def(), 0, outer::get)));
                importSide.add(nested.type(TypeRemapper.remap(t.def(), 0, importSide::get)));
                exportSide.add(nested.type(TypeRemapper.remap(t.def(), 0, exportSide::get)));
            } else if (d instanceof Declarator.AliasDecl a && a.alias() instanceof Alias.Outer o && o.count() == 1) {
                outer.add(replay.componentType(o.index()));
                int inner = shim.foreignType(replay.scope().type(o.index()));
                importSide.add(inner);
                exportSide.add(inner);
            } else if (d instanceof Declarator.Export e && e.type().sort() == Sort.TYPE && e.type().subResource()) {
                int top = exportedResources.get(iface + "/" + e.name().name());
                outer.add(top);
                int imported = shim.importType(ExternType.resource(), top);
                importSide.add(imported);
                exportSide.add(nested.export(e.name(), Sort.TYPE, imported, null));
            } else if (d instanceof Declarator.Export e && e.type().sort() == Sort.TYPE) {
                int k = e.type().index();
                outer.add(outer.get(k));
                int inner = importSide.get(k);
                if (!shim.named(inner)) inner = shim.importType(ExternType.typeEq(inner), outer.get(k));
                importSide.add(inner);
                exportSide.add(nested.export(e.name(), Sort.TYPE, exportSide.get(k), null));
            } else if (d instanceof Declarator.Export e && e.type().sort() == Sort.FUNC) {
                String f = e.name().name();
                int k = e.type().index();
                int lifted = lift(from, from.names().export(iface, f), replay.options(iface, f, CanonicalAbi.Context.LIFT), outer.get(k));
                int imported = shim.importFunc(importSide.get(k), lifted);
                nested.export(e.name(), Sort.FUNC, imported, ExternType.func(exportSide.get(k)));
            } else {
                throw new PipelineException("exported interface " + iface + " has a declaration that cannot be exported: " + d);
            }
        }
        int component = cb.nested(nested.build());
        int inst = cb.instance(new ComponentInstance.Instantiate(component, shim.args()));
        return cb.export(ex.name(), Sort.INSTANCE, inst, null);
    }

    /**
     * This component's type index for a named type (or resource) of an interface other than the exported one: a
     * world-level type that is the same entry, else an alias of the imported instance that exports it, else an alias
     * of the instance this component exports for an interface exported earlier.
     */
    private int outerType(WorldReplay replay, TypeScope.Entry entry) {
        TypeScope world = replay.scope();
        for (int k = 0; k < world.typeCount(); k++) {
            if (world.type(k) == entry) return replay.componentType(k);
        }
        for (Map.Entry<String, TypeScope.Instance> inst : world.importedInstances().entrySet()) {
            for (Map.Entry<String, TypeScope.Entry> t : inst.getValue().types().entrySet()) {
                if (t.getValue() == entry) {
                    return cb.instanceExport(instanceOf(replay, replay.importDecl(inst.getKey())), Sort.TYPE, t.getKey());
                }
            }
        }
        // a type of an interface exported earlier (wit-parser orders exports so that used interfaces come first)
        for (Map.Entry<String, TypeScope.Instance> inst : world.exportedInstances().entrySet()) {
            for (Map.Entry<String, TypeScope.Entry> t : inst.getValue().types().entrySet()) {
                if (t.getValue() == entry) {
                    int decl = replay.exportDecl(inst.getKey());
                    return cb.instanceExport(replay.componentInstance(replay.instanceIndexOf(decl)), Sort.TYPE, t.getKey());
                }
            }
        }
        throw new PipelineException("an exported interface uses the type " + entry
                + ", which neither the world nor an imported or exported interface provides");
    }

    private static byte[] producers() {
        String v = ComponentNew.class.getPackage().getImplementationVersion();
        WasmOutput w = new WasmOutput();
        w.u32(1).name("processed-by").u32(1).name("pipeline").name(v == null ? "dev" : v);
        return w.toByteArray();
    }

    private String requireExport(String name, ExternalKind kind) {
        Export e = main.export(name).orElseThrow(() -> new PipelineException("the main module must export its "
                + kind.text() + " as `" + name + "`"));
        if (e.kind() != kind) throw new PipelineException("the main module's export `" + name + "` is not a " + kind.text());
        return name;
    }
}
