package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world of a component binary, computed from its sections: what it imports and exports, each item resolved to
 * types in a {@link TypeScope}. Nested components (such as wit-component's export shims) are followed through their
 * instantiation arguments.
 */
final class ComponentWorld {
    /** One import or export of the world: an instance (interface) or a function, or a type. */
    public record Item(String name, TypeScope.Instance instance, TypeScope.Defined func, TypeScope.Entry type) {}

    public final List<Item> imports = new ArrayList<>();
    public final List<Item> exports = new ArrayList<>();

    private ComponentWorld() {}

    /** The world a component type describes (as found in a {@code component-type} custom section). */
    public static ComponentWorld of(DefType.ComponentType type) {
        ComponentWorld w = new ComponentWorld();
        TypeScope scope = new TypeScope(null);
        for (Declarator d : type.declarators()) {
            scope.declare(d);
            String name;
            boolean imported;
            ExternType t;
            if (d instanceof Declarator.Import i) {
                name = i.name().name();
                imported = true;
                t = i.type();
            } else if (d instanceof Declarator.Export e) {
                name = e.name().name();
                imported = false;
                t = e.type();
            } else {
                continue;
            }
            Item item = switch (t.sort()) {
                case INSTANCE -> new Item(name, imported ? scope.importedInstances().get(name)
                        : scope.exportedInstances().get(name), null, null);
                case FUNC -> new Item(name, null, imported ? scope.importedFuncs().get(name) : scope.exportedFuncs().get(name), null);
                case TYPE -> new Item(name, null, null, imported ? scope.importedTypes().get(name) : scope.exportedTypes().get(name));
                default -> null;
            };
            if (item != null) (imported ? w.imports : w.exports).add(item);
        }
        return w;
    }

    /** Computes the world of a component. */
    public static ComponentWorld of(Component component) {
        ComponentWorld w = new ComponentWorld();
        Scope s = new Scope(null, Map.of());
        s.run(component, w);
        return w;
    }

    /** Index spaces of one component while its sections are walked. */
    private static final class Scope {
        final TypeScope types;
        final List<TypeScope.Defined> funcs = new ArrayList<>();
        final List<Component> components = new ArrayList<>();
        final Map<String, Object> args;
        final Map<String, TypeScope.Entry> exportedTypes = new LinkedHashMap<>();
        final Map<String, TypeScope.Defined> exportedFuncs = new LinkedHashMap<>();

        Scope(Scope parent, Map<String, Object> args) {
            this.types = new TypeScope(parent == null ? null : parent.types);
            this.args = args;
        }

        TypeScope.Defined func(int i) {
            if (i < 0 || i >= funcs.size()) throw new PipelineException("function index " + i + " out of range");
            return funcs.get(i);
        }

        void run(Component c, ComponentWorld w) {
            for (ComponentSection s : c.sections) {
                if (s instanceof ComponentSection.Types t) {
                    for (DefType d : t.types()) types.addType(d);
                } else if (s instanceof ComponentSection.Imports im) {
                    for (ComponentSection.Import i : im.imports()) imported(i, w);
                } else if (s instanceof ComponentSection.Aliases al) {
                    for (Alias a : al.aliases()) alias(a);
                } else if (s instanceof ComponentSection.Canons cs) {
                    for (Canon x : cs.canons()) if (x instanceof Canon.Lift l) funcs.add(types.funcType(l.type()));
                } else if (s instanceof ComponentSection.Nested n) {
                    components.add(n.component());
                } else if (s instanceof ComponentSection.Instances is) {
                    for (ComponentInstance i : is.instances()) types.addInstance(instance(i));
                } else if (s instanceof ComponentSection.Exports ex) {
                    for (ComponentSection.Export e : ex.exports()) exported(e, w);
                }
            }
        }

        private void imported(ComponentSection.Import i, ComponentWorld w) {
            String name = i.name().name();
            Object arg = args.get(name);
            ExternType t = i.type();
            switch (t.sort()) {
                case TYPE -> {
                    TypeScope.Entry e = arg instanceof TypeScope.Entry given ? given
                            : t.subResource() ? new TypeScope.ResourceEntry(name) : types.type(t.index());
                    types.addType(e);
                    if (w != null) w.imports.add(new Item(name, null, null, e));
                }
                case FUNC -> {
                    TypeScope.Defined f = arg instanceof TypeScope.Defined given ? given : types.funcType(t.index());
                    funcs.add(f);
                    if (w != null) w.imports.add(new Item(name, null, f, null));
                }
                case INSTANCE -> {
                    TypeScope.Instance inst = arg instanceof TypeScope.Instance given ? given
                            : TypeScope.instantiate(types.type(t.index()));
                    types.addInstance(inst);
                    if (w != null) w.imports.add(new Item(name, inst, null, null));
                }
                case COMPONENT -> throw new PipelineException("component imports are not supported");
                default -> { }
            }
        }

        private void alias(Alias a) {
            if (a instanceof Alias.InstanceExport x) {
                TypeScope.Instance inst = types.instance(x.instance());
                switch (x.sort()) {
                    case TYPE -> types.addAlias(a);
                    case FUNC -> {
                        TypeScope.Defined f = inst.funcs().get(x.name());
                        if (f == null) throw new PipelineException("instance " + x.instance() + " exports no function `" + x.name() + "`");
                        funcs.add(f);
                    }
                    default -> throw new PipelineException("aliases of instance exports of sort " + x.sort().text()
                            + " are not supported");
                }
            } else if (a instanceof Alias.Outer o && o.sort() == Sort.TYPE) {
                types.addAlias(a);
            } else if (a instanceof Alias.Outer o && o.sort() == Sort.COMPONENT) {
                throw new PipelineException("outer component aliases are not supported");
            }
        }

        private TypeScope.Instance instance(ComponentInstance i) {
            TypeScope.Instance out = new TypeScope.Instance();
            if (i instanceof ComponentInstance.FromExports fe) {
                for (ComponentInstance.InlineExport e : fe.exports()) {
                    if (e.sort() == Sort.TYPE) out.types().put(e.name().name(), types.type(e.index()));
                    else if (e.sort() == Sort.FUNC) out.funcs().put(e.name().name(), func(e.index()));
                }
                return out;
            }
            ComponentInstance.Instantiate in = (ComponentInstance.Instantiate) i;
            if (in.component() < 0 || in.component() >= components.size()) {
                throw new PipelineException("component index " + in.component() + " out of range");
            }
            Map<String, Object> given = new HashMap<>();
            for (ComponentInstance.Arg a : in.args()) {
                given.put(a.name(), switch (a.sort()) {
                    case TYPE -> types.type(a.index());
                    case FUNC -> func(a.index());
                    case INSTANCE -> types.instance(a.index());
                    default -> throw new PipelineException("instantiation arguments of sort " + a.sort().text() + " are not supported");
                });
            }
            Scope nested = new Scope(this, given);
            nested.run(components.get(in.component()), null);
            out.types().putAll(nested.exportedTypes);
            out.funcs().putAll(nested.exportedFuncs);
            return out;
        }

        private void exported(ComponentSection.Export e, ComponentWorld w) {
            String name = e.name().name();
            switch (e.sort()) {
                case TYPE -> {
                    TypeScope.Entry t = types.type(e.index());
                    types.addType(t);
                    exportedTypes.put(name, t);
                    if (w != null) w.exports.add(new Item(name, null, null, t));
                }
                case FUNC -> {
                    TypeScope.Defined f = e.type() != null ? types.funcType(e.type().index()) : func(e.index());
                    funcs.add(f);
                    exportedFuncs.put(name, f);
                    if (w != null) w.exports.add(new Item(name, null, f, null));
                }
                case INSTANCE -> {
                    TypeScope.Instance inst = types.instance(e.index());
                    types.addInstance(inst);
                    if (w != null) w.exports.add(new Item(name, inst, null, null));
                }
                default -> { }
            }
        }
    }
}
