package dev.pipeline.plugins.bindgen;

import dev.pipeline.api.descriptor.WorldDescriptor;
import dev.pipeline.api.python.PythonNames;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each WIT item lives in the generated {@code wit_world} package and what it is called, following
 * componentize-py: {@code wit_world} (world-level items, {@code WitWorld}), {@code wit_world.imports.<iface>},
 * {@code wit_world.exports} ({@code <Iface>} protocols) and {@code wit_world.exports.<iface>}; the user's classes
 * in the app module, exported resources in a top-level module named after their interface.
 */
final class PythonLayout implements WorldDescriptor.Naming {
    /** componentize-py's default name of the generated package. */
    static final String DEFAULT_ROOT = "wit_world";

    private final String root;
    private final WorldView view;
    private final Resolve resolve;
    private final Map<Integer, String> moduleNames = new HashMap<>();

    PythonLayout(WorldView view) {
        this(view, DEFAULT_ROOT);
    }

    /** A layout whose generated package is importable as {@code root} (componentize-py's {@code --world-module}). */
    PythonLayout(WorldView view, String root) {
        this.root = root;
        this.view = view;
        this.resolve = view.resolve();
        // an interface both imported and exported counts once: its two sides live in imports/ and exports/
        Map<String, java.util.Set<String>> plainUsers = new HashMap<>();
        for (int id : allInterfaces()) {
            String full = resolve.interfaceName(id);
            plainUsers.computeIfAbsent(plainName(id), k -> new java.util.HashSet<>()).add(full == null ? "#" + id : full);
        }
        for (int id : allInterfaces()) {
            String plain = plainName(id);
            WitInterface i = resolve.iface(id);
            String name = plain;
            if (plainUsers.get(plain).size() > 1 && i.name() != null) {
                var pkg = resolve.pkg(i.packageId()).name();
                name = pkg.namespace() + "-" + pkg.name() + "-" + i.name();
                long sameVersionless = allInterfaces().stream().filter(o -> {
                    WitInterface oi = resolve.iface(o);
                    var op = resolve.pkg(oi.packageId()).name();
                    return o != id && !java.util.Objects.equals(resolve.interfaceName(o), resolve.interfaceName(id)) && i.name().equals(oi.name()) && op.namespace().equals(pkg.namespace()) && op.name().equals(pkg.name());
                }).count();
                if (sameVersionless > 0 && pkg.version() != null) name = name + "-" + pkg.version().replace('.', '-');
            }
            moduleNames.put(id, PythonNames.snake(name));
        }
    }

    private java.util.List<Integer> allInterfaces() {
        java.util.List<Integer> ids = new java.util.ArrayList<>(view.importedInterfaces().keySet());
        for (int id : view.exportedInterfaces().keySet()) if (!ids.contains(id)) ids.add(id);
        return ids;
    }

    private String plainName(int interfaceId) {
        String n = resolve.iface(interfaceId).name();
        if (n != null) return n;
        String key = view.exportedInterfaces().getOrDefault(interfaceId, view.importedInterfaces().get(interfaceId));
        return key == null ? "interface" + interfaceId : key;
    }

    /** The generated package's import name ({@code wit_world} unless the recipe names another). */
    String root() {
        return root;
    }

    /** The Python file module (snake case) of an interface, e.g. {@code types} or {@code wasi_http_types}. */
    String interfaceModule(int interfaceId) {
        return moduleNames.get(interfaceId);
    }

    boolean isExported(int interfaceId) {
        return view.exportedInterfaces().containsKey(interfaceId) && !view.importedInterfaces().containsKey(interfaceId);
    }

    /** The dotted module of an interface's generated code. */
    String moduleOf(int interfaceId) {
        return root + (isExported(interfaceId) ? ".exports." : ".imports.") + interfaceModule(interfaceId);
    }

    /** The dotted module that defines a named type. */
    String moduleOf(TypeDef def) {
        return def.owner() instanceof TypeOwner.OfInterface oi ? moduleOf(oi.interfaceId()) : root;
    }

    /** The class name of a named type: UpperCamel. */
    String className(TypeDef def) {
        return PythonNames.upperCamel(def.name());
    }

    String caseClassName(TypeDef variant, TypeDefKind.Case c) {
        return className(variant) + "_" + PythonNames.upperCamelPart(c.name());
    }

    /** The protocol class for an exported interface, e.g. {@code IncomingHandler}. */
    String exportProtocol(int interfaceId) {
        return PythonNames.upperCamel(plainName(interfaceId));
    }

    /** The Python name of a function: snake case, for methods the part after the dot. */
    String functionName(WitFunction f) {
        return PythonNames.snake(f.name());
    }

    /** Top-level module where the user puts an exported resource's class: named after its interface. */
    String exportedResourceModule(WorldResource r) {
        return r.interfaceId() == null ? null : interfaceModule(r.interfaceId());
    }

    // --- WorldDescriptor.Naming

    @Override
    public String typeClass(TypeDef def) {
        return moduleOf(def) + ":" + className(def);
    }

    @Override
    public String variantCase(TypeDef def, TypeDefKind.Case c) {
        return moduleOf(def) + ":" + caseClassName(def, c);
    }

    @Override
    public String field(TypeDefKind.Field f) {
        return PythonNames.snake(f.name());
    }

    @Override
    public String label(TypeDefKind.Label l) {
        return PythonNames.shouty(l.name());
    }

    @Override
    public String resourceClass(WorldResource r) {
        TypeDef def = resolve.type(r.typeId());
        if (r.exported()) {
            String module = exportedResourceModule(r);
            return module == null ? className(def) : module + ":" + className(def);
        }
        return moduleOf(def) + ":" + className(def);
    }

    @Override
    public String exportTarget(WorldFunction f) {
        if (f.function().isResourceFunction()) {
            return f.function().kind() == WitFunction.Kind.METHOD ? "" : resourceClass(view.resourceOf(f.function().resource()));
        }
        return f.interfaceId() == null ? "WitWorld" : exportProtocol(f.interfaceId());
    }

    @Override
    public String exportMethod(WorldFunction f) {
        return f.function().kind() == WitFunction.Kind.CONSTRUCTOR ? "__init__" : functionName(f.function());
    }

    @Override
    public String param(String witName) {
        return PythonNames.snake(witName);
    }
}
