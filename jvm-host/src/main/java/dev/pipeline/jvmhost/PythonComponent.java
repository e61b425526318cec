package dev.pipeline.jvmhost;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.abi.CoreType;
import dev.pipeline.api.abi.FlatSignature;
import dev.pipeline.api.component.Component;
import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentSection;
import dev.pipeline.api.component.ComponentWit;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;
import dev.pipeline.jvmhost.abi.ValueCodec;
import dev.pipeline.jvmhost.chicory.Engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.diag.Suggestions;

/**
 * A component that {@code pipeline} built, loaded for running on the JVM with Chicory. Loading decodes the component,
 * reads its world (the WIT it prints, parsed back into the resolved model), takes out the main core module (the
 * spliced Python runtime) and prepares it for execution: compiled to JVM bytecode once per module and machine, with
 * the classes cached (see {@link Engines}), or interpreted. The WASI preview1 adapter is not used: the main module
 * runs directly against Chicory's WASI preview1. A loaded component is immutable and thread-safe; every
 * {@link #instantiate} makes an independent {@link PythonInstance}.
 *
 * <pre>{@code
 * PythonComponent c = PythonComponent.load(Path.of("build/hello.wasm"));
 * try (PythonInstance i = c.instantiate(InstanceOptions.builder()
 *         .imports(Imports.builder().function("log", args -> { System.out.println(args[0]); return null; }).build())
 *         .build())) {
 *     String s = (String) i.call("greet", "world");
 * }
 * }</pre>
 */
public final class PythonComponent {
    /** How Chicory runs the module. */
    public enum Engine { COMPILER, INTERPRETER }

    private static final String WASI = "wasi_snapshot_preview1";

    private final String name;
    private final WasmModule module;
    private final Function<Instance, Machine> machines;
    private final Engine engine;
    private final WorldView view;
    private final ValueCodec codec;
    private final String wit;
    private final Map<String, Export> exports = new LinkedHashMap<>();
    private final Map<String, Export> exportAliases = new HashMap<>();
    private final List<ImportBinding> importBindings = new ArrayList<>();
    private final Map<String, WorldFunction> importAliases = new HashMap<>();
    private final List<FunctionInfo> importInfos = new ArrayList<>();
    private final boolean hasInitialize;
    private final long loadMillis;
    /** For a composition (see {@link Composition}): the dependency components whose exports serve the app's imports. */
    private final List<PythonComponent> dependencies = new ArrayList<>();

    /** An export: the world function, its core export and its flat signature. */
    record Export(WorldFunction function, FunctionInfo info, String coreName, FlatSignature sig) {}

    /** How one core import of the main module is served. */
    sealed interface ImportBinding {
        String module();

        String name();

        FunctionType type();
    }

    /** A world import implemented in Java. */
    record WorldImport(String module, String name, FunctionType type, WorldFunction function, FunctionInfo info,
                       FlatSignature sig) implements ImportBinding {}

    /** {@code [resource-new]}, {@code [resource-rep]} or {@code [resource-drop]} of a resource. */
    record ResourceIntrinsic(String module, String name, FunctionType type, WorldResource resource, String op)
            implements ImportBinding {}

    private PythonComponent(String name, byte[] bytes, Engine engine, Path compilerCache) {
        long t0 = System.nanoTime();
        this.name = name;
        if (!ModuleReader.isComponent(bytes)) {
            throw new PipelineException(null, name + " is not a component" + (isCoreModule(bytes) ? " (it is a core module)" : ""),
                    "pass the .wasm file `pipeline run` wrote ([app].output of the recipe)");
        }
        Component c = ComponentDecoder.decode(bytes, name);
        if (!builtByPipeline(c)) {
            throw new PipelineException(null, name + " was not built by pipeline (its producers section does not name it)",
                    "only components built with `pipeline run` can be run on the JVM: they carry the Python runtime "
                            + "this host knows how to drive");
        }
        byte[] main = null;
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.CoreModule m && (main == null || m.module().length > main.length)) main = m.module();
        }
        if (main == null) throw new PipelineException(name + " holds no core module");
        this.module = Engines.parse(main, compilerCache);
        try {
            ComponentWit.Decoded decoded = ComponentWit.decode(c);
            this.wit = decoded.print();
            Resolve resolve = decoded.resolve();
            WitWorld world = resolve.world(decoded.worldId());
            this.view = new WorldView(resolve, world);
        } catch (PipelineException e) {
            throw new PipelineException(null, name + ": cannot read the component's world: " + e.diagnostic().message(),
                    "`pipeline inspect " + name + "` shows the world; this is a bug if pipeline built it");
        }
        this.codec = new ValueCodec(view);
        CanonicalAbi abi = codec.abi();

        Set<String> coreExports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) coreExports.add(module.exportSection().getExport(i).name());
        for (String required : List.of("memory", "cabi_realloc")) {
            if (!coreExports.contains(required)) {
                throw new PipelineException(null, name + ": its main module does not export `" + required + "`; not a component pipeline built", null);
            }
        }
        this.hasInitialize = coreExports.contains("_initialize");
        Map<String, Integer> shortCounts = new HashMap<>();
        for (WorldFunction f : view.exports()) shortCounts.merge(shortName(f), 1, Integer::sum);
        for (WorldFunction f : view.exports()) {
            FlatSignature sig = abi.flattenFunction(f.function(), CanonicalAbi.Context.LIFT);
            if (!coreExports.contains(f.coreExportName())) {
                throw new PipelineException(null, name + ": the world exports `" + WorldView.describe(f)
                        + "` but the main module has no core export `" + f.coreExportName() + "`", null);
            }
            Export e = new Export(f, info(f, shortCounts), f.coreExportName(), sig);
            exports.put(e.info().name(), e);
            for (String alias : aliases(f, shortCounts)) exportAliases.put(alias, e);
        }

        Map<String, WorldFunction> byCore = new HashMap<>();
        Map<String, Integer> importShort = new HashMap<>();
        for (WorldFunction f : view.imports()) importShort.merge(shortName(f), 1, Integer::sum);
        for (WorldFunction f : view.imports()) byCore.put(f.coreImportModule() + "\0" + f.name(), f);
        Map<String, WorldResource> resources = new HashMap<>();
        for (WorldResource r : view.resources()) {
            String iface = r.interfaceKey() == null ? "$root" : r.interfaceKey();
            resources.put((r.exported() ? "[export]" + iface : iface) + "\0" + r.name(), r);
        }
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp.importType() != ExternalType.FUNCTION) {
                throw new PipelineException(null, name + ": its main module imports " + imp.module() + "." + imp.name()
                        + ", which is not a function; not a component pipeline built", null);
            }
            if (imp.module().equals(WASI)) continue;
            FunctionType type = module.typeSection().getType(((com.dylibso.chicory.wasm.types.FunctionImport) imp).typeIndex());
            ImportBinding b = null;
            String n = imp.name();
            for (String op : List.of("[resource-new]", "[resource-rep]", "[resource-drop]")) {
                if (n.startsWith(op)) {
                    WorldResource r = resources.get(imp.module() + "\0" + n.substring(op.length()));
                    if (r != null) b = new ResourceIntrinsic(imp.module(), n, type, r, op);
                }
            }
            if (b == null) {
                WorldFunction f = byCore.get(imp.module() + "\0" + n);
                if (f == null) {
                    throw new PipelineException(null, name + ": its main module imports `" + imp.module() + "` `" + n
                            + "`, which is not in its world; not a component pipeline built", null);
                }
                FlatSignature sig = abi.flattenFunction(f.function(), CanonicalAbi.Context.LOWER);
                b = new WorldImport(imp.module(), n, type, f, info(f, importShort), sig);
            }
            importBindings.add(b);
        }
        for (WorldFunction f : view.imports()) {
            if (!byCore.containsKey(f.coreImportModule() + "\0" + f.name())) continue;
            boolean used = importBindings.stream().anyMatch(b -> b instanceof WorldImport w && w.function() == f);
            if (!used) continue;
            FunctionInfo fi = info(f, importShort);
            importInfos.add(fi);
            for (String alias : aliases(f, importShort)) importAliases.put(alias, f);
        }

        this.engine = engine;
        Function<Instance, Machine> m;
        if (engine == Engine.COMPILER) {
            try {
                m = Engines.compiled(module, compilerCache);
            } catch (RuntimeException | LinkageError e) {
                m = Engines.interpreter();
            }
        } else {
            m = Engines.interpreter();
        }
        this.machines = m;
        this.loadMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** Loads a component with the compiler and the user's compiled-module cache ({@link Engines#defaultCompilerCache()}). */
    public static PythonComponent load(Path file) {
        return loader().load(file);
    }

    /** Options for loading. */
    public static Loader loader() {
        return new Loader();
    }

    /** Chooses the engine and the compiled-module cache, then loads. */
    public static final class Loader {
        private Engine engine = Engine.COMPILER;
        private Path compilerCache = Engines.defaultCompilerCache();

        private Loader() {}

        /** The compiler (default) or the interpreter. */
        public Loader engine(Engine engine) {
            this.engine = engine;
            return this;
        }

        /** Where compiled classes are kept (null: compile in memory every time). */
        public Loader compilerCache(Path dir) {
            this.compilerCache = dir;
            return this;
        }

        public PythonComponent load(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new PipelineException(SourcePosition.file(file.toString()), "cannot read: " + e.getMessage(), null);
            }
            return load(bytes, file.getFileName().toString());
        }

        public PythonComponent load(byte[] bytes, String name) {
            Composition parts = Composition.split(bytes, name);
            if (parts == null) return new PythonComponent(name, bytes, engine, compilerCache);
            PythonComponent app = new PythonComponent(name, parts.app(), engine, compilerCache);
            for (int i = 0; i < parts.dependencies().size(); i++) {
                app.dependencies.add(new PythonComponent(name + " (dependency " + (i + 1) + ")", parts.dependencies().get(i),
                        engine, compilerCache));
            }
            return app;
        }
    }

    /** A new, independent instance with default options (stdout/stderr to System.out/err, no imports). */
    public PythonInstance instantiate() {
        return instantiate(InstanceOptions.builder().build());
    }

    /**
     * A new, independent instance. For a composition, each dependency component gets its own instance first, and
     * the app's imports they export call into it (values pass through Java: a copy out of one memory, one in).
     */
    public PythonInstance instantiate(InstanceOptions options) {
        if (dependencies.isEmpty()) return new PythonInstance(this, options);
        List<PythonInstance> deps = new ArrayList<>();
        Imports.Builder wired = Imports.builder();
        for (PythonComponent d : dependencies) {
            PythonInstance di = d.instantiate(InstanceOptions.builder().callerThread(true).build());
            deps.add(di);
            for (FunctionInfo f : d.exports()) {
                if (importNamed(f.fullName()) == null) continue;
                ExportedFunction target = di.function(f.fullName());
                wired.function(f.fullName(), target::call);
            }
        }
        PythonInstance app = new PythonInstance(this, options.withImports(wired.build()));
        app.dependencies.addAll(deps);
        return app;
    }

    /** The component's file name. */
    public String name() {
        return name;
    }

    /** The world's exports, in world order. */
    public List<FunctionInfo> exports() {
        return exports.values().stream().map(Export::info).toList();
    }

    /** The world's imports the component uses (WASI excluded), in world order. */
    public List<FunctionInfo> imports() {
        return Collections.unmodifiableList(importInfos);
    }

    /** The component's world as WIT. */
    public String wit() {
        return wit;
    }

    /** The engine in use (the compiler falls back to the interpreter when it cannot compile the module). */
    public Engine engine() {
        return engine;
    }

    /** Milliseconds loading took (decode, world, parse and compile or load compiled classes). */
    public long loadMillis() {
        return loadMillis;
    }

    /** The resolved world. */
    public WorldView world() {
        return view;
    }

    ValueCodec codec() {
        return codec;
    }

    WasmModule module() {
        return module;
    }

    Function<Instance, Machine> machines() {
        return machines;
    }

    boolean hasInitialize() {
        return hasInitialize;
    }

    List<ImportBinding> importBindings() {
        return importBindings;
    }

    /** The export called {@code name} (any accepted spelling); else IllegalArgumentException listing the exports. */
    Export export(String exportName) {
        Export e = exportAliases.get(exportName);
        if (e != null) return e;
        List<String> names = new ArrayList<>(exports.keySet());
        String hint = Suggestions.didYouMean(exportName, names);
        throw new IllegalArgumentException(name + " has no export `" + exportName + "`; "
                + (hint == null ? "" : hint + " ") + "exports: " + String.join(", ", names));
    }

    /** The WIT function of an export or a used import, by any accepted spelling of its name, or null. */
    public WitFunction witFunction(String functionName) {
        Export e = exportAliases.get(functionName);
        if (e != null) return e.function().function();
        WorldFunction f = importAliases.get(functionName);
        return f == null ? null : f.function();
    }

    /** The WIT function of a used import, by any accepted spelling of its name, or null. */
    public WitFunction witImport(String importName) {
        WorldFunction f = importAliases.get(importName);
        return f == null ? null : f.function();
    }

    /** The world import named {@code importName} (any accepted spelling), or null. */
    WorldFunction importNamed(String importName) {
        return importAliases.get(importName);
    }

    /** Every name a function answers to. */
    private static List<String> aliases(WorldFunction f, Map<String, Integer> shortCounts) {
        List<String> out = new ArrayList<>();
        out.add(f.coreExportName());
        if (f.interfaceKey() != null) {
            if (shortCounts.get(shortName(f)) == 1) out.add(shortName(f));
            String key = f.interfaceKey();
            int at = key.indexOf('@');
            if (at > 0) out.add(key.substring(0, at) + "#" + f.name());
        }
        return out;
    }

    /** {@code api.echo-shape} for {@code test:kitchen/api@0.1.0#echo-shape}; the name itself at world level. */
    private static String shortName(WorldFunction f) {
        if (f.interfaceKey() == null) return f.name();
        String key = f.interfaceKey();
        int slash = key.lastIndexOf('/');
        int at = key.indexOf('@', Math.max(slash, 0));
        String iface = key.substring(slash + 1, at < 0 ? key.length() : at);
        return iface + "." + f.name();
    }

    private FunctionInfo info(WorldFunction f, Map<String, Integer> shortCounts) {
        WitFunction fn = f.function();
        List<FunctionInfo.Param> params = new ArrayList<>();
        for (WitFunction.Param p : fn.params()) params.add(new FunctionInfo.Param(p.name(), codec.typeName(p.type())));
        String shortName = shortName(f);
        String display = f.interfaceKey() == null || shortCounts.get(shortName) == 1 ? shortName : f.coreExportName();
        return new FunctionInfo(display, f.coreExportName(), params, fn.result() == null ? null : codec.typeName(fn.result()));
    }

    private static boolean isCoreModule(byte[] bytes) {
        return bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    /** True when the component's producers section says {@code processed-by pipeline}. */
    static boolean builtByPipeline(Component c) {
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.Custom x && x.name().equals("producers")) {
                String text = new String(x.data(), StandardCharsets.ISO_8859_1);
                if (text.contains("processed-by") && text.contains("\u0008pipeline")) return true;
            }
        }
        return false;
    }

    /** Chicory's function type for a flat signature. */
    static FunctionType functionType(FlatSignature sig) {
        return FunctionType.of(sig.params().stream().map(PythonComponent::valType).toList(),
                sig.results().stream().map(PythonComponent::valType).toList());
    }

    private static ValType valType(CoreType t) {
        return switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
        };
    }
}
