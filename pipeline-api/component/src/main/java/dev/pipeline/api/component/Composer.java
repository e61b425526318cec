package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes an app component with dependency components whose exported instances satisfy some of the app's imports
 * (the shape {@code wac plug} produces): the result imports what the app and the dependencies import, shared by
 * name, minus the imports the dependencies satisfy; it nests every component, instantiates the dependencies first,
 * passes their exported instances to the app's instantiation and re-exports the app's exports. A dependency that
 * does not fit (a function missing, or of a different type) is an error naming the import, the function and both
 * types.
 */
public final class Composer {
    private Composer() {}

    /** A dependency component and a name for it in messages (usually its file). */
    public record Dependency(String name, byte[] component) {}

    /** What a composition wired: for each satisfied import, the dependency that satisfies it. */
    public record Result(byte[] component, Map<String, String> satisfied) {}

    /** Composes {@code app} with {@code deps}; every dependency must satisfy at least one of the app's imports. */
    public static Result compose(byte[] app, String appName, List<Dependency> deps) {
        Component appC = ComponentDecoder.decode(app, appName);
        ComponentWorld appWorld = ComponentWorld.of(appC);
        Map<String, ComponentWorld.Item> appImports = new LinkedHashMap<>();
        for (ComponentWorld.Item i : appWorld.imports) appImports.put(i.name(), i);

        ComponentBuilder out = new ComponentBuilder();
        Map<String, Integer> importedNames = new HashMap<>();
        Map<String, Integer> provided = new LinkedHashMap<>();     // app import name -> outer instance index
        Map<String, String> satisfiedBy = new LinkedHashMap<>();
        for (Dependency dep : deps) {
            Component depC = ComponentDecoder.decode(dep.component(), dep.name());
            ComponentWorld depWorld = ComponentWorld.of(depC);
            List<String> fits = new ArrayList<>();
            for (ComponentWorld.Item e : depWorld.exports) {
                ComponentWorld.Item wanted = appImports.get(e.name());
                if (wanted == null || e.instance() == null) continue;
                if (wanted.instance() == null) {
                    throw new PipelineException(dep.name() + " exports the interface `" + e.name()
                            + "`, but the app imports `" + e.name() + "` as a function");
                }
                if (satisfiedBy.containsKey(e.name())) {
                    throw new PipelineException("both " + satisfiedBy.get(e.name()) + " and " + dep.name()
                            + " export `" + e.name() + "`, which the app imports once");
                }
                checkInstance(e.name(), wanted.instance(), e.instance(), dep.name());
                fits.add(e.name());
            }
            if (fits.isEmpty()) {
                List<String> exported = new ArrayList<>();
                for (ComponentWorld.Item e : depWorld.exports) exported.add(e.name());
                throw new PipelineException(dep.name() + " satisfies none of the app's imports: it exports "
                        + (exported.isEmpty() ? "nothing" : "`" + String.join("`, `", exported) + "`")
                        + "; the app imports `" + String.join("`, `", appImports.keySet()) + "`"
                        + " (hint: the app's world must import the interface the dependency exports)");
            }
            WorldReplay replay = new WorldReplay(declarations(depC, dep.name()), out, importedNames);
            List<ComponentInstance.Arg> args = new ArrayList<>();
            for (int d = 0; d < replay.declarators().size(); d++) {
                if (replay.declarators().get(d) instanceof Declarator.Import im) {
                    replay.require(d);
                    args.add(new ComponentInstance.Arg(im.name().name(), im.type().sort(),
                            importedNames.get(im.type().sort() + " " + im.name().name())));
                }
            }
            int comp = out.nested(depC);
            int inst = out.instance(new ComponentInstance.Instantiate(comp, args));
            for (String name : fits) {
                provided.put(name, out.instanceExport(inst, Sort.INSTANCE, name));
                satisfiedBy.put(name, dep.name());
            }
        }

        WorldReplay replay = new WorldReplay(declarations(appC, appName), out, importedNames);
        List<ComponentInstance.Arg> args = new ArrayList<>();
        for (int d = 0; d < replay.declarators().size(); d++) {
            if (!(replay.declarators().get(d) instanceof Declarator.Import im)) continue;
            String name = im.name().name();
            Integer given = provided.get(name);
            if (given != null) {
                replay.redirect(d, () -> given);
                replay.require(d);
                args.add(new ComponentInstance.Arg(name, Sort.INSTANCE, given));
            } else {
                replay.require(d);
                args.add(new ComponentInstance.Arg(name, im.type().sort(), importedNames.get(im.type().sort() + " " + name)));
            }
        }
        int comp = out.nested(appC);
        int inst = out.instance(new ComponentInstance.Instantiate(comp, args));
        for (ComponentSection s : appC.sections) {
            if (!(s instanceof ComponentSection.Exports ex)) continue;
            for (ComponentSection.Export e : ex.exports()) {
                if (e.sort() != Sort.INSTANCE && e.sort() != Sort.FUNC && e.sort() != Sort.TYPE) continue;
                int idx = out.instanceExport(inst, e.sort(), e.name().name());
                out.export(e.name(), e.sort(), idx, null);
            }
        }
        return new Result(out.encode(), satisfiedBy);
    }

    /**
     * A component's definitions as declarators of a component type, so its imports can be replayed with the types
     * they depend on: types, type and instance aliases and imports as they are; instances and exported types or
     * instances the component makes itself become placeholders that keep the index spaces aligned (an import never
     * depends on them).
     */
    static TypeDef.ComponentType declarations(Component c, String what) {
        List<Declarator> decls = new ArrayList<>();
        ExternType placeholderInstance = new ExternType(Sort.INSTANCE, -1, false);
        ExternType placeholderType = new ExternType(Sort.TYPE, -1, true);
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.Types t) {
                for (TypeDef d : t.types()) decls.add(new Declarator.Type(d));
            } else if (s instanceof ComponentSection.Aliases a) {
                for (Alias x : a.aliases()) {
                    if (x.sort() == Sort.TYPE || x.sort() == Sort.INSTANCE) decls.add(new Declarator.AliasDecl(x));
                }
            } else if (s instanceof ComponentSection.Imports im) {
                for (ComponentSection.Import i : im.imports()) {
                    if (i.type().sort() == Sort.CORE_MODULE || i.type().sort() == Sort.COMPONENT || i.type().sort() == Sort.VALUE) {
                        throw new PipelineException(what + " imports `" + i.name() + "` as a " + i.type().sort().text()
                                + ", which composition does not support");
                    }
                    decls.add(new Declarator.Import(i.name(), i.type()));
                }
            } else if (s instanceof ComponentSection.Instances is) {
                for (int k = 0; k < is.instances().size(); k++) {
                    decls.add(new Declarator.Export(ExternName.of("(instance)"), placeholderInstance));
                }
            } else if (s instanceof ComponentSection.Exports ex) {
                for (ComponentSection.Export e : ex.exports()) {
                    if (e.sort() == Sort.INSTANCE) decls.add(new Declarator.Export(e.name(), placeholderInstance));
                    else if (e.sort() == Sort.TYPE) decls.add(new Declarator.Export(e.name(), placeholderType));
                }
            }
        }
        return new TypeDef.ComponentType(decls);
    }

    private static void checkInstance(String iface, TypeScope.Instance wanted, TypeScope.Instance given, String dep) {
        for (Map.Entry<String, TypeScope.Defined> f : wanted.funcs().entrySet()) {
            TypeScope.Defined g = given.funcs().get(f.getKey());
            if (g == null) {
                throw new PipelineException("import `" + iface + "`: " + dep + " does not export the function `"
                        + f.getKey() + "` (it exports " + (given.funcs().isEmpty() ? "no functions"
                        : "`" + String.join("`, `", given.funcs().keySet()) + "`") + ")");
            }
            if (!same(f.getValue(), g)) {
                throw new PipelineException("import `" + iface + "`, function `" + f.getKey() + "`: the app expects `"
                        + describe(f.getValue()) + "`, " + dep + " exports `" + describe(g) + "`");
            }
        }
        for (Map.Entry<String, TypeScope.Entry> t : wanted.types().entrySet()) {
            TypeScope.Entry g = given.types().get(t.getKey());
            if (g == null) {
                throw new PipelineException("import `" + iface + "`: " + dep + " does not export the type `" + t.getKey() + "`");
            }
            if (!same(t.getValue(), g)) {
                throw new PipelineException("import `" + iface + "`, type `" + t.getKey() + "`: the app expects `"
                        + describe(t.getValue()) + "`, " + dep + " exports `" + describe(g) + "`");
            }
        }
    }

    /** Structural equality of two resolved types (primitive or entry), each in its own scope. */
    static boolean same(Object a, Object b) {
        if (a instanceof PrimitiveType || b instanceof PrimitiveType) return a == b;
        if (a == null || b == null) return a == b;
        if (a instanceof TypeScope.ResourceEntry || b instanceof TypeScope.ResourceEntry) {
            return a instanceof TypeScope.ResourceEntry && b instanceof TypeScope.ResourceEntry;
        }
        TypeScope.Defined x = (TypeScope.Defined) a, y = (TypeScope.Defined) b;
        TypeDef p = x.def(), q = y.def();
        if (p instanceof TypeDef.Primitive pp) return q instanceof TypeDef.Primitive qq ? pp.type() == qq.type() : same(pp.type(), y);
        if (q instanceof TypeDef.Primitive qq) return same(x, qq.type());
        if (p.getClass() != q.getClass()) return false;
        if (p instanceof TypeDef.Record r) {
            List<TypeDef.Field> s = ((TypeDef.Record) q).fields();
            return fields(r.fields(), x.scope(), s, y.scope());
        }
        if (p instanceof TypeDef.Variant v) {
            List<TypeDef.Case> s = ((TypeDef.Variant) q).cases();
            if (v.cases().size() != s.size()) return false;
            for (int i = 0; i < s.size(); i++) {
                if (!v.cases().get(i).name().equals(s.get(i).name())) return false;
                if (!same(res(x.scope(), v.cases().get(i).type()), res(y.scope(), s.get(i).type()))) return false;
            }
            return true;
        }
        if (p instanceof TypeDef.ListOf l) {
            TypeDef.ListOf m = (TypeDef.ListOf) q;
            return java.util.Objects.equals(l.length(), m.length()) && same(res(x.scope(), l.element()), res(y.scope(), m.element()));
        }
        if (p instanceof TypeDef.Tuple t) {
            List<ValueType> s = ((TypeDef.Tuple) q).types();
            if (t.types().size() != s.size()) return false;
            for (int i = 0; i < s.size(); i++) if (!same(res(x.scope(), t.types().get(i)), res(y.scope(), s.get(i)))) return false;
            return true;
        }
        if (p instanceof TypeDef.Flags f) return f.names().equals(((TypeDef.Flags) q).names());
        if (p instanceof TypeDef.Enum e) return e.names().equals(((TypeDef.Enum) q).names());
        if (p instanceof TypeDef.Option o) return same(res(x.scope(), o.type()), res(y.scope(), ((TypeDef.Option) q).type()));
        if (p instanceof TypeDef.Result r) {
            TypeDef.Result s = (TypeDef.Result) q;
            return same(res(x.scope(), r.ok()), res(y.scope(), s.ok())) && same(res(x.scope(), r.err()), res(y.scope(), s.err()));
        }
        if (p instanceof TypeDef.Own o) return same(x.scope().type(o.resource()), y.scope().type(((TypeDef.Own) q).resource()));
        if (p instanceof TypeDef.Borrow o) return same(x.scope().type(o.resource()), y.scope().type(((TypeDef.Borrow) q).resource()));
        if (p instanceof TypeDef.Func f) {
            TypeDef.Func g = (TypeDef.Func) q;
            return f.async() == g.async() && fields(f.params(), x.scope(), g.params(), y.scope())
                    && same(res(x.scope(), f.result()), res(y.scope(), g.result()));
        }
        return p.equals(q);
    }

    private static boolean fields(List<TypeDef.Field> a, TypeScope sa, List<TypeDef.Field> b, TypeScope sb) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())) return false;
            if (!same(res(sa, a.get(i).type()), res(sb, b.get(i).type()))) return false;
        }
        return true;
    }

    private static Object res(TypeScope s, ValueType v) { return v == null ? null : s.resolve(v); }

    /** A WIT-like rendering of a resolved type, for messages. */
    static String describe(Object t) {
        if (t == null) return "_";
        if (t instanceof PrimitiveType p) return p.wit;
        if (t instanceof TypeScope.ResourceEntry) return "resource";
        TypeScope.Defined d = (TypeScope.Defined) t;
        TypeScope s = d.scope();
        TypeDef def = d.def();
        if (def instanceof TypeDef.Primitive p) return p.type().wit;
        if (def instanceof TypeDef.Record r) {
            List<String> fs = new ArrayList<>();
            for (TypeDef.Field f : r.fields()) fs.add(f.name() + ": " + describe(res(s, f.type())));
            return "record { " + String.join(", ", fs) + " }";
        }
        if (def instanceof TypeDef.Variant v) {
            List<String> cs = new ArrayList<>();
            for (TypeDef.Case c : v.cases()) cs.add(c.type() == null ? c.name() : c.name() + "(" + describe(res(s, c.type())) + ")");
            return "variant { " + String.join(", ", cs) + " }";
        }
        if (def instanceof TypeDef.ListOf l) return "list<" + describe(res(s, l.element())) + (l.length() == null ? "" : ", " + l.length()) + ">";
        if (def instanceof TypeDef.Tuple tu) {
            List<String> ts = new ArrayList<>();
            for (ValueType v : tu.types()) ts.add(describe(res(s, v)));
            return "tuple<" + String.join(", ", ts) + ">";
        }
        if (def instanceof TypeDef.Flags f) return "flags { " + String.join(", ", f.names()) + " }";
        if (def instanceof TypeDef.Enum e) return "enum { " + String.join(", ", e.names()) + " }";
        if (def instanceof TypeDef.Option o) return "option<" + describe(res(s, o.type())) + ">";
        if (def instanceof TypeDef.Result r) return "result<" + describe(res(s, r.ok())) + ", " + describe(res(s, r.err())) + ">";
        if (def instanceof TypeDef.Own) return "own<resource>";
        if (def instanceof TypeDef.Borrow) return "borrow<resource>";
        if (def instanceof TypeDef.Func f) {
            List<String> ps = new ArrayList<>();
            for (TypeDef.Field p : f.params()) ps.add(p.name() + ": " + describe(res(s, p.type())));
            return "func(" + String.join(", ", ps) + ")" + (f.result() == null ? "" : " -> " + describe(res(s, f.result())));
        }
        return def.getClass().getSimpleName().toLowerCase();
    }
}
