package dev.pipeline.api.component;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies chosen declarations of a world's component type into a component being built (types, type aliases,
 * imports, exported types), together with everything they depend on, renumbering indices on the way. Imports that
 * an earlier replay already added under the same name are shared, so two worlds can meet in one component.
 */
final class WorldReplay {
    private final List<Declarator> decls;
    private final ComponentBuilder out;
    private final Map<String, Integer> importedNames;
    private final int[] declType;      // the world type index a declarator introduces, or -1
    private final int[] declInstance;  // the world instance index a declarator introduces, or -1
    private final int[] typeDecl;      // world type index -> declarator
    private final int[] instanceDecl;  // world instance index -> declarator
    private final int[] typeMap;       // world type index -> component type index
    private final int[] instanceMap;   // world instance index -> component instance index
    private final Map<String, Integer> funcImports = new HashMap<>();
    /** Instance imports to take from elsewhere (a semver-compatible import of another world), by declarator. */
    private final Map<Integer, java.util.function.IntSupplier> redirects = new HashMap<>();
    private final BitSet done = new BitSet();
    private TypeScope scope;
    private final DefType.ComponentType world;
    /** The world as WIT (decoded on first use) and its canonical ABI. */
    private ComponentWit.Decoded wit;
    private CanonicalAbi abi;

    WorldReplay(DefType.ComponentType world, ComponentBuilder out, Map<String, Integer> importedNames) {
        this.world = world;
        this.decls = world.declarators();
        this.out = out;
        this.importedNames = importedNames;
        int n = decls.size();
        declType = new int[n];
        declInstance = new int[n];
        List<Integer> types = new ArrayList<>();
        List<Integer> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            declType[i] = -1;
            declInstance[i] = -1;
            Declarator d = decls.get(i);
            Sort introduced = null;
            if (d instanceof Declarator.Type) introduced = Sort.TYPE;
            else if (d instanceof Declarator.AliasDecl a) introduced = a.alias().sort();
            else if (d instanceof Declarator.Import im) introduced = im.type().sort();
            else if (d instanceof Declarator.Export ex) introduced = ex.type().sort();
            if (introduced == Sort.TYPE) {
                declType[i] = types.size();
                types.add(i);
            } else if (introduced == Sort.INSTANCE) {
                declInstance[i] = instances.size();
                instances.add(i);
            }
        }
        typeDecl = types.stream().mapToInt(Integer::intValue).toArray();
        instanceDecl = instances.stream().mapToInt(Integer::intValue).toArray();
        typeMap = new int[typeDecl.length];
        instanceMap = new int[instanceDecl.length];
        java.util.Arrays.fill(typeMap, -1);
        java.util.Arrays.fill(instanceMap, -1);
    }

    List<Declarator> declarators() { return decls; }

    /** The world's declarations resolved (computed when first asked: a composition's placeholders never are). */
    TypeScope scope() {
        if (scope == null) scope = TypeScope.of(null, decls);
        return scope;
    }

    /** The declarator index of the import named {@code name}, or -1. */
    int importDecl(String name) {
        for (int i = 0; i < decls.size(); i++) {
            if (decls.get(i) instanceof Declarator.Import im && im.name().name().equals(name)) return i;
        }
        return -1;
    }

    /** The declarator index of the instance export named {@code name}, or -1. */
    int exportDecl(String name) {
        for (int i = 0; i < decls.size(); i++) {
            if (decls.get(i) instanceof Declarator.Export ex && ex.type().sort() == Sort.INSTANCE
                    && ex.name().name().equals(name)) return i;
        }
        return -1;
    }

    /** Replays declarator {@code index} and, first, everything it depends on. */
    void require(int index) {
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[]{index, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            int d = top[0];
            if (done.get(d)) {
                stack.pop();
                continue;
            }
            if (top[1] == 0) {
                top[1] = 1;
                // pushed highest first, so dependencies are emitted in world order
                List<Integer> deps = new ArrayList<>(dependencies(d));
                deps.sort(java.util.Comparator.reverseOrder());
                for (int dep : deps) if (!done.get(dep)) stack.push(new int[]{dep, 0});
                continue;
            }
            stack.pop();
            emit(d);
            done.set(d);
        }
    }

    int componentType(int worldType) {
        if (typeMap[worldType] < 0) require(typeDecl[worldType]);
        return typeMap[worldType];
    }

    int componentInstance(int worldInstance) {
        if (instanceMap[worldInstance] < 0) require(instanceDecl[worldInstance]);
        return instanceMap[worldInstance];
    }

    /** Makes the instance import at declarator {@code decl} use the instance {@code instance} supplies instead. */
    void redirect(int decl, java.util.function.IntSupplier instance) {
        redirects.put(decl, instance);
    }

    /**
     * Records that this component's instance {@code instance} is the world's exported instance at declarator
     * {@code decl}: the world aliases types of an exported interface that another exported interface (or a world
     * export) uses out of that instance, so they become the types the component's own instance exports.
     */
    void exported(int decl, int instance) {
        instanceMap[instanceIndexOf(decl)] = instance;
        done.set(decl);
    }

    /** The world instance index introduced by declarator {@code decl}. */
    int instanceIndexOf(int decl) {
        if (declInstance[decl] < 0) throw new PipelineException("world declaration " + decl + " is not an instance");
        return declInstance[decl];
    }

    /** The world type index introduced by declarator {@code decl}. */
    int typeIndexOf(int decl) {
        if (declType[decl] < 0) throw new PipelineException("world declaration " + decl + " is not a type");
        return declType[decl];
    }

    /**
     * The imports that replaying the declarators {@code roots} brings in: those of them that are imports and,
     * transitively, the imports whose types they use (an interface's {@code use} of another interface).
     */
    java.util.SortedSet<Integer> importClosure(java.util.Collection<Integer> roots) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        Deque<Integer> todo = new ArrayDeque<>(roots);
        BitSet seen = new BitSet();
        while (!todo.isEmpty()) {
            int d = todo.pop();
            if (seen.get(d)) continue;
            seen.set(d);
            if (decls.get(d) instanceof Declarator.Import) out.add(d);
            for (int dep : dependencies(d)) todo.push(dep);
        }
        return out;
    }

    /** The component function index of a replayed world-level function import. */
    Integer componentFunc(String importName) { return funcImports.get(importName); }

    private List<Integer> dependencies(int d) {
        List<Integer> types = new ArrayList<>();
        List<Integer> instances = new ArrayList<>();
        Declarator decl = decls.get(d);
        if (decl instanceof Declarator.Type t) {
            collect(t.def(), 0, types);
        } else if (decl instanceof Declarator.AliasDecl a) {
            if (a.alias() instanceof Alias.InstanceExport x) instances.add(x.instance());
            else throw new PipelineException("world declares an unsupported alias " + a.alias());
        } else if (decl instanceof Declarator.Import im) {
            // an import another world already brought in is shared, so its type is not needed again
            boolean shared = redirects.containsKey(d) || importedNames.containsKey(im.type().sort() + " " + im.name().name());
            if (!im.type().subResource() && !shared) types.add(im.type().index());
        } else if (decl instanceof Declarator.Export ex) {
            // an exported instance is made by the component itself (see exported), not from its type
            if (!ex.type().subResource() && ex.type().sort() != Sort.INSTANCE) types.add(ex.type().index());
        }
        List<Integer> deps = new ArrayList<>();
        for (int t : types) deps.add(typeDecl[check(t, typeDecl.length, "type")]);
        for (int i : instances) deps.add(instanceDecl[check(i, instanceDecl.length, "instance")]);
        return deps;
    }

    private static int check(int index, int size, String what) {
        if (index < 0 || index >= size) throw new PipelineException("world refers to " + what + " " + index + " out of range");
        return index;
    }

    /** Collects the world-level type indices a definition at nesting {@code level} refers to. */
    private static void collect(DefType def, int level, List<Integer> out) {
        List<Declarator> inner = def instanceof DefType.InstanceType it ? it.declarators()
                : def instanceof DefType.ComponentType ct ? ct.declarators() : null;
        if (inner != null) {
            for (Declarator d : inner) {
                if (d instanceof Declarator.Type t) collect(t.def(), level + 1, out);
                else if (d instanceof Declarator.AliasDecl a && a.alias() instanceof Alias.Outer o
                        && level + 1 - o.count() == 0) out.add(o.index());
            }
            return;
        }
        if (level == 0) TypeRemapper.valueRefs(def, out);
    }

    private void emit(int d) {
        Declarator decl = decls.get(d);
        if (decl instanceof Declarator.Type t) {
            typeMap[declType[d]] = out.type(TypeRemapper.remap(t.def(), 0, i -> typeMap[i]));
        } else if (decl instanceof Declarator.AliasDecl a) {
            Alias.InstanceExport x = (Alias.InstanceExport) a.alias();
            int idx = out.instanceExport(instanceMap[x.instance()], x.sort(), x.name());
            if (declType[d] >= 0) typeMap[declType[d]] = idx;
        } else if (decl instanceof Declarator.Import im && redirects.containsKey(d)) {
            instanceMap[declInstance[d]] = redirects.get(d).getAsInt();
        } else if (decl instanceof Declarator.Import im) {
            String key = im.type().sort() + " " + im.name().name();
            Integer existing = importedNames.get(key);
            int idx = existing != null ? existing : out.importItem(im.name(), remap(im.type()));
            importedNames.put(key, idx);
            if (declType[d] >= 0) typeMap[declType[d]] = idx;
            if (declInstance[d] >= 0) instanceMap[declInstance[d]] = idx;
            if (im.type().sort() == Sort.FUNC) funcImports.put(im.name().name(), idx);
        } else if (decl instanceof Declarator.Export ex && ex.type().sort() == Sort.INSTANCE) {
            throw new PipelineException("the world uses types of its exported interface `" + ex.name()
                    + "` before that interface is exported");
        } else if (decl instanceof Declarator.Export ex) {
            if (ex.type().sort() != Sort.TYPE || ex.type().subResource()) {
                throw new PipelineException("only named types can be replayed from world exports, not `" + ex.name() + "`");
            }
            typeMap[declType[d]] = out.export(ex.name(), Sort.TYPE, typeMap[ex.type().index()], null);
        }
    }

    private ExternType remap(ExternType t) {
        if (t.subResource() || t.sort() == Sort.CORE_MODULE) return t;
        return new ExternType(t.sort(), typeMap[t.index()], false);
    }

    /**
     * The canonical options a lift (an exported function) or lower (an imported one) of a function of this world
     * needs: {@code iface} is the interface's import or export name, or null for a function of the world itself.
     */
    CanonicalAbi.Options options(String iface, String function, CanonicalAbi.Context context) {
        if (wit == null) {
            wit = ComponentWit.decode(world);
            abi = new CanonicalAbi(wit.resolve());
        }
        Resolve resolve = wit.resolve();
        WitWorld w = resolve.world(wit.worldId());
        Map<String, WorldItem> items = context == CanonicalAbi.Context.LIFT ? w.exports() : w.imports();
        WitFunction f = null;
        if (iface == null) {
            if (items.get(function) instanceof WorldItem.FunctionItem fi) f = fi.function();
        } else if (items.get(iface) instanceof WorldItem.InterfaceItem ii) {
            f = resolve.iface(ii.interfaceId()).functions().get(function);
        }
        if (f == null) throw new PipelineException("the world has no function `" + function + "`" + (iface == null ? "" : " in " + iface));
        return abi.options(f, context);
    }
}
