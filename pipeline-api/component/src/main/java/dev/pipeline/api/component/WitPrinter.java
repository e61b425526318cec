package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import dev.pipeline.api.wit.syntax.WitLexer;

/**
 * Prints a {@link ComponentWorld} as WIT: a {@code root:component} world listing imports and exports, followed by
 * the interfaces it names, grouped by package, with their types, resources and functions.
 */
public final class WitPrinter {
    private final ComponentWorld world;
    /** For every named type: the interface (qualified name, or null at world level) and the name it has there. */
    private final Map<TypeScope.Entry, String[]> owners = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private WitPrinter(ComponentWorld world) {
        this.world = world;
        for (List<ComponentWorld.Item> items : List.of(world.imports, world.exports)) {
            for (ComponentWorld.Item item : items) {
                if (item.instance() == null) continue;
                for (Map.Entry<String, TypeScope.Entry> t : item.instance().types().entrySet()) {
                    owners.putIfAbsent(t.getValue(), new String[]{item.name(), t.getKey()});
                }
            }
        }
        for (List<ComponentWorld.Item> items : List.of(world.imports, world.exports)) {
            for (ComponentWorld.Item item : items) {
                if (item.type() != null) owners.putIfAbsent(item.type(), new String[]{null, item.name()});
            }
        }
    }

    /** The WIT text of the component's world. */
    public static String print(Component component) {
        return print(ComponentWorld.of(component));
    }

    /** The WIT of the world carried in a {@code component-type} custom section payload. */
    public static String printWorld(byte[] componentTypeSection, String what) {
        WorldEncoding.World w = WorldEncoding.decode(componentTypeSection, what);
        String wit = print(ComponentWorld.of(w.type()));
        return wit.replaceFirst("package root:component;\n\nworld root \\{", "// " + w.qualifiedName() + "\nworld " + w.name() + " {");
    }

    public static String print(ComponentWorld world) {
        WitPrinter p = new WitPrinter(world);
        p.printWorld();
        return mergeUses(p.out.toString());
    }

    private void printWorld() {
        out.append("package root:component;\n\nworld root {\n");
        printItems("import", world.imports);
        if (!world.imports.isEmpty() && !world.exports.isEmpty()) out.append('\n');
        printItems("export", world.exports);
        out.append("}\n");
        Map<String, List<ComponentWorld.Item>> packages = new LinkedHashMap<>();
        for (List<ComponentWorld.Item> items : List.of(world.imports, world.exports)) {
            for (ComponentWorld.Item item : items) {
                if (item.instance() == null) continue;
                packages.computeIfAbsent(packageOf(item.name()), k -> new ArrayList<>()).add(item);
            }
        }
        for (Map.Entry<String, List<ComponentWorld.Item>> p : packages.entrySet()) {
            out.append('\n');
            boolean inline = p.getKey().isEmpty();
            if (!inline) out.append("package ").append(p.getKey()).append(" {\n");
            String indent = inline ? "" : "  ";
            for (ComponentWorld.Item item : p.getValue()) {
                out.append(indent).append("interface ").append(interfaceName(item.name())).append(" {\n");
                printInterface(item, indent + "  ");
                out.append(indent).append("}\n");
            }
            if (!inline) out.append("}\n");
        }
    }

    private void printItems(String keyword, List<ComponentWorld.Item> items) {
        for (ComponentWorld.Item item : items) {
            if (item.func() != null && item.name().startsWith("[")) continue; // printed with their resource
            out.append("  ");
            if (item.type() == null) out.append(keyword).append(' ');
            if (item.instance() != null) {
                out.append(item.name()).append(";\n");
            } else if (item.func() != null) {
                out.append(id(item.name())).append(": ").append(func(item.func(), null)).append(";\n");
            } else {
                String[] owner = owners.get(item.type());
                if (owner != null && owner[0] != null) {
                    out.append("use ").append(owner[0]).append(".{").append(owner[1]).append(
                            owner[1].equals(item.name()) ? "" : " as " + item.name()).append("};\n");
                } else if (item.type() instanceof TypeScope.ResourceEntry) {
                    List<String> members = new ArrayList<>();
                    for (ComponentWorld.Item f : items) {
                        if (f.func() == null) continue;
                        String m = resourceMember(item.name(), f.name(), f.func(), null);
                        if (m != null) members.add(m);
                    }
                    out.append("resource ").append(item.name());
                    if (members.isEmpty()) {
                        out.append(";\n");
                    } else {
                        out.append(" {\n");
                        for (String m : members) out.append("    ").append(m).append('\n');
                        out.append("  }\n");
                    }
                } else {
                    out.append(typeDefinition(item.name(), item.type(), null)).append('\n');
                }
            }
        }
    }

    private void printInterface(ComponentWorld.Item item, String indent) {
        TypeScope.Instance inst = item.instance();
        for (Map.Entry<String, TypeScope.Entry> t : inst.types().entrySet()) {
            String[] owner = owners.get(t.getValue());
            if (owner != null && owner[0] != null && !owner[0].equals(item.name())) {
                out.append(indent).append("use ").append(sameOrQualified(owner[0], item.name())).append(".{")
                        .append(owner[1]).append(owner[1].equals(t.getKey()) ? "" : " as " + t.getKey()).append("};\n");
                continue;
            }
            if (t.getValue() instanceof TypeScope.ResourceEntry) {
                List<String> members = new ArrayList<>();
                for (Map.Entry<String, TypeScope.Defined> f : inst.funcs().entrySet()) {
                    String m = resourceMember(t.getKey(), f.getKey(), f.getValue(), item.name());
                    if (m != null) members.add(m);
                }
                if (members.isEmpty()) {
                    out.append(indent).append("resource ").append(t.getKey()).append(";\n");
                } else {
                    out.append(indent).append("resource ").append(t.getKey()).append(" {\n");
                    for (String m : members) out.append(indent).append("  ").append(m).append('\n');
                    out.append(indent).append("}\n");
                }
                continue;
            }
            out.append(indent).append(typeDefinition(t.getKey(), t.getValue(), item.name())).append('\n');
        }
        for (Map.Entry<String, TypeScope.Defined> f : inst.funcs().entrySet()) {
            if (f.getKey().startsWith("[")) continue;
            out.append(indent).append(id(f.getKey())).append(": ").append(func(f.getValue(), item.name())).append(";\n");
        }
    }

    private String resourceMember(String resource, String name, TypeScope.Defined f, String iface) {
        TypeDef.Func fn = (TypeDef.Func) f.def();
        if (name.equals("[constructor]" + resource)) {
            return "constructor(" + params(fn.params(), f.scope(), iface, 0) + ");";
        }
        if (name.startsWith("[method]" + resource + ".")) {
            return id(name.substring(("[method]" + resource + ".").length())) + ": func(" + params(fn.params(), f.scope(), iface, 1)
                    + ")" + result(fn, f.scope(), iface) + ";";
        }
        if (name.startsWith("[static]" + resource + ".")) {
            return id(name.substring(("[static]" + resource + ".").length())) + ": static func(" + params(fn.params(), f.scope(), iface, 0)
                    + ")" + result(fn, f.scope(), iface) + ";";
        }
        return null;
    }

    private String func(TypeScope.Defined f, String iface) {
        TypeDef.Func fn = (TypeDef.Func) f.def();
        return (fn.async() ? "async func(" : "func(") + params(fn.params(), f.scope(), iface, 0) + ")" + result(fn, f.scope(), iface);
    }

    private String params(List<TypeDef.Field> params, TypeScope scope, String iface, int skip) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = skip; i < params.size(); i++) {
            j.add(id(params.get(i).name()) + ": " + ref(scope.resolve(params.get(i).type()), iface));
        }
        return j.toString();
    }

    private String result(TypeDef.Func fn, TypeScope scope, String iface) {
        return fn.result() == null ? "" : " -> " + ref(scope.resolve(fn.result()), iface);
    }

    private String typeDefinition(String name, TypeScope.Entry e, String iface) {
        if (e instanceof TypeScope.ResourceEntry) return "resource " + name + ";";
        TypeScope.Defined d = (TypeScope.Defined) e;
        TypeScope s = d.scope();
        TypeDef def = d.def();
        if (def instanceof TypeDef.Record r) {
            StringJoiner j = new StringJoiner(", ", "record " + id(name) + " { ", " }");
            for (TypeDef.Field f : r.fields()) j.add(id(f.name()) + ": " + ref(s.resolve(f.type()), iface));
            return j.toString();
        }
        if (def instanceof TypeDef.Variant v) {
            StringJoiner j = new StringJoiner(", ", "variant " + id(name) + " { ", " }");
            for (TypeDef.Case c : v.cases()) j.add(id(c.name()) + (c.type() == null ? "" : "(" + ref(s.resolve(c.type()), iface) + ")"));
            return j.toString();
        }
        if (def instanceof TypeDef.Enum en) return "enum " + id(name) + " { " + String.join(", ", en.names().stream().map(WitPrinter::id).toList()) + " }";
        if (def instanceof TypeDef.Flags fl) return "flags " + id(name) + " { " + String.join(", ", fl.names().stream().map(WitPrinter::id).toList()) + " }";
        return "type " + id(name) + " = " + structural(d, iface) + ";";
    }

    /** How a use of a type is written: its name when it has one, else its structure. */
    private int depth;

    private String ref(Object t, String iface) {
        if (depth > MAX_DEPTH) throw new PipelineException("types nest deeper than " + MAX_DEPTH + " levels");
        depth++;
        try {
            return refUnchecked(t, iface);
        } finally {
            depth--;
        }
    }

    private static final int MAX_DEPTH = 200;

    private String refUnchecked(Object t, String iface) {
        if (t instanceof PrimitiveType p) return p.wit;
        String[] owner = owners.get((TypeScope.Entry) t);
        if (owner != null) return id(owner[1]);
        if (t instanceof TypeScope.ResourceEntry r) return r.name == null ? "resource" : r.name;
        return structural((TypeScope.Defined) t, iface);
    }

    private String structural(TypeScope.Defined d, String iface) {
        TypeScope s = d.scope();
        TypeDef def = d.def();
        if (def instanceof TypeDef.Primitive p) return p.type().wit;
        if (def instanceof TypeDef.ListOf l) {
            return "list<" + ref(s.resolve(l.element()), iface) + (l.length() == null ? "" : ", " + l.length()) + ">";
        }
        if (def instanceof TypeDef.Option o) return "option<" + ref(s.resolve(o.type()), iface) + ">";
        if (def instanceof TypeDef.Result r) {
            if (r.ok() == null && r.err() == null) return "result";
            if (r.err() == null) return "result<" + ref(s.resolve(r.ok()), iface) + ">";
            return "result<" + (r.ok() == null ? "_" : ref(s.resolve(r.ok()), iface)) + ", " + ref(s.resolve(r.err()), iface) + ">";
        }
        if (def instanceof TypeDef.Tuple t) {
            StringJoiner j = new StringJoiner(", ", "tuple<", ">");
            for (ValueType v : t.types()) j.add(ref(s.resolve(v), iface));
            return j.toString();
        }
        if (def instanceof TypeDef.Own o) return ref(s.type(o.resource()), iface);
        if (def instanceof TypeDef.Borrow b) return "borrow<" + ref(s.type(b.resource()), iface) + ">";
        if (def instanceof TypeDef.Stream st) return st.element() == null ? "stream" : "stream<" + ref(s.resolve(st.element()), iface) + ">";
        if (def instanceof TypeDef.Future f) return f.element() == null ? "future" : "future<" + ref(s.resolve(f.element()), iface) + ">";
        return "/* anonymous " + def.getClass().getSimpleName().toLowerCase() + " */";
    }

    /** A name as WIT writes it: keywords ({@code type}, {@code list}, …) get a {@code %} prefix. */
    private static String id(String name) {
        return WitLexer.KEYWORDS.contains(name) ? "%" + name : name;
    }

    /** Joins consecutive {@code use x.{a};} lines of the same interface into {@code use x.{a, b};}. */
    private static String mergeUses(String wit) {
        StringBuilder out = new StringBuilder();
        String pendingHead = null;
        List<String> pendingNames = new ArrayList<>();
        for (String line : wit.split("\n", -1)) {
            int brace = line.indexOf(".{");
            boolean use = line.trim().startsWith("use ") && brace > 0 && line.endsWith("};");
            String head = use ? line.substring(0, brace) : null;
            if (pendingHead != null && !pendingHead.equals(head)) {
                out.append(pendingHead).append(".{").append(String.join(", ", pendingNames)).append("};\n");
                pendingHead = null;
                pendingNames.clear();
            }
            if (use) {
                pendingHead = head;
                pendingNames.add(line.substring(brace + 2, line.length() - 2));
            } else {
                out.append(line).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }

    /** {@code ns:pkg@1.0.0} for {@code ns:pkg/iface@1.0.0}; empty for plain names. */
    private static String packageOf(String qualified) {
        int slash = qualified.indexOf('/');
        if (slash < 0) return "";
        int at = qualified.indexOf('@', slash);
        return qualified.substring(0, slash) + (at < 0 ? "" : qualified.substring(at));
    }

    private static String interfaceName(String qualified) {
        int slash = qualified.indexOf('/');
        if (slash < 0) return qualified;
        int at = qualified.indexOf('@', slash);
        return qualified.substring(slash + 1, at < 0 ? qualified.length() : at);
    }

    private static String sameOrQualified(String owner, String current) {
        return packageOf(owner).equals(packageOf(current)) && !packageOf(owner).isEmpty() ? interfaceName(owner) : owner;
    }
}
