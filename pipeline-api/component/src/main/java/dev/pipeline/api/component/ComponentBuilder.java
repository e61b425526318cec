package dev.pipeline.api.component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends definitions to a component and returns their indices, keeping every index space (component and core)
 * counted. Consecutive definitions of the same kind share one section. Aliases are memoised, so asking twice for
 * the same export returns the same index.
 */
public final class ComponentBuilder {
    private final Component component = new Component();
    private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);
    private final Map<Alias, Integer> aliases = new HashMap<>();

    private int next(Sort s) {
        int n = counts.getOrDefault(s, 0);
        counts.put(s, n + 1);
        return n;
    }

    public int count(Sort s) { return counts.getOrDefault(s, 0); }

    @SuppressWarnings("unchecked")
    private <T> void append(Class<? extends ComponentSection> kind, T item) {
        ComponentSection last = component.sections.isEmpty() ? null : component.sections.get(component.sections.size() - 1);
        if (last == null || last.getClass() != kind) {
            last = switch (kind.getSimpleName()) {
                case "CoreInstances" -> new ComponentSection.CoreInstances(new ArrayList<>());
                case "Instances" -> new ComponentSection.Instances(new ArrayList<>());
                case "Aliases" -> new ComponentSection.Aliases(new ArrayList<>());
                case "Types" -> new ComponentSection.Types(new ArrayList<>());
                case "Canons" -> new ComponentSection.Canons(new ArrayList<>());
                case "Imports" -> new ComponentSection.Imports(new ArrayList<>());
                case "Exports" -> new ComponentSection.Exports(new ArrayList<>());
                default -> throw new IllegalArgumentException(kind.getName());
            };
            component.sections.add(last);
        }
        List<T> list;
        if (last instanceof ComponentSection.CoreInstances x) list = (List<T>) x.instances();
        else if (last instanceof ComponentSection.Instances x) list = (List<T>) x.instances();
        else if (last instanceof ComponentSection.Aliases x) list = (List<T>) x.aliases();
        else if (last instanceof ComponentSection.Types x) list = (List<T>) x.types();
        else if (last instanceof ComponentSection.Canons x) list = (List<T>) x.canons();
        else if (last instanceof ComponentSection.Imports x) list = (List<T>) x.imports();
        else if (last instanceof ComponentSection.Exports x) list = (List<T>) x.exports();
        else throw new IllegalArgumentException(kind.getName());
        list.add(item);
    }

    /** Defines a type; returns its type index. */
    public int type(DefType def) {
        append(ComponentSection.Types.class, def);
        return next(Sort.TYPE);
    }

    /** Imports an item; returns its index in the index space of its sort. */
    public int importItem(ExternName name, ExternType type) {
        append(ComponentSection.Imports.class, new ComponentSection.Import(name, type));
        return next(type.sort() == Sort.CORE_MODULE ? Sort.CORE_MODULE : type.sort());
    }

    /** Adds (or reuses) an alias; returns the index it introduces in its sort's index space. */
    public int alias(Alias a) {
        Integer known = aliases.get(a);
        if (known != null) return known;
        append(ComponentSection.Aliases.class, a);
        int idx = next(a.sort());
        aliases.put(a, idx);
        return idx;
    }

    /** {@code (alias core export instance "name" (core sort))}. */
    public int coreExport(int coreInstance, Sort sort, String name) {
        return alias(new Alias.CoreInstanceExport(sort, coreInstance, name));
    }

    /** {@code (alias export instance "name" (sort))}. */
    public int instanceExport(int instance, Sort sort, String name) {
        return alias(new Alias.InstanceExport(sort, instance, name));
    }

    /** Embeds a core module; returns its core module index. */
    public int coreModule(byte[] module) {
        component.sections.add(new ComponentSection.CoreModule(module));
        return next(Sort.CORE_MODULE);
    }

    public int coreInstance(CoreInstance instance) {
        append(ComponentSection.CoreInstances.class, instance);
        return next(Sort.CORE_INSTANCE);
    }

    public int instantiateCore(int module, List<CoreInstance.Arg> args) {
        return coreInstance(new CoreInstance.Instantiate(module, args));
    }

    public int coreExports(List<CoreInstance.InlineExport> exports) {
        return coreInstance(new CoreInstance.FromExports(exports));
    }

    public int instance(ComponentInstance instance) {
        append(ComponentSection.Instances.class, instance);
        return next(Sort.INSTANCE);
    }

    /** Embeds a nested component; returns its component index. */
    public int nested(Component nested) {
        component.sections.add(new ComponentSection.Nested(nested));
        return next(Sort.COMPONENT);
    }

    /** Adds a canonical definition; returns the component or core function index it defines. */
    public int canon(Canon c) {
        append(ComponentSection.Canons.class, c);
        return next(c.definesComponentFunc() ? Sort.FUNC : Sort.CORE_FUNC);
    }

    public int lift(int coreFunc, List<CanonOption> options, int type) {
        return canon(new Canon.Lift(coreFunc, options, type));
    }

    public int lower(int func, List<CanonOption> options) {
        return canon(new Canon.Lower(func, options));
    }

    /** Exports an item; the export introduces (and this returns) a new index in its sort's index space. */
    public int export(ExternName name, Sort sort, int index, ExternType type) {
        append(ComponentSection.Exports.class, new ComponentSection.Export(name, sort, index, type));
        return next(sort);
    }

    public void custom(String name, byte[] data) {
        component.sections.add(new ComponentSection.Custom(name, data));
    }

    public Component build() { return component; }

    public byte[] encode() { return ComponentEncoder.encode(component); }
}
