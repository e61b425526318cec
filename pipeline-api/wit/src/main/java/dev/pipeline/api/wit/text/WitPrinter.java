package dev.pipeline.api.wit.text;

import dev.pipeline.api.wit.PackageName;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.Stability;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitPackage;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.WorldItem;
import dev.pipeline.api.wit.syntax.WitLexer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a resolved model back as WIT that parses to the same model: the root package first, other packages as
 * nested {@code package ... { }} blocks. Worlds are printed elaborated (includes merged, dependencies imported).
 */
public final class WitPrinter {
    private final Resolve resolve;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    /** The package whose interfaces may be named without their package. */
    private int currentPackage;

    private WitPrinter(Resolve resolve) {
        this.resolve = resolve;
    }

    /** Every package of the model. */
    public static String print(Resolve resolve) {
        WitPrinter p = new WitPrinter(resolve);
        List<Integer> others = new ArrayList<>();
        for (WitPackage pkg : resolve.packages()) if (pkg.id() != resolve.rootPackage().id()) others.add(pkg.id());
        p.printDocument(resolve.rootPackage().id(), null, null, others, null);
        return p.out.toString();
    }

    /** One world, elaborated, with the interfaces it needs (and nothing else) from its own and other packages. */
    public static String printWorld(Resolve resolve, int worldId) {
        WitPrinter p = new WitPrinter(resolve);
        WitWorld world = resolve.world(worldId);
        Set<Integer> needed = new LinkedHashSet<>();
        for (Map<String, WorldItem> items : List.of(world.imports(), world.exports())) {
            for (WorldItem item : items.values()) {
                if (item instanceof WorldItem.InterfaceItem i) p.collectInterfaces(i.interfaceId(), needed);
                if (item instanceof WorldItem.TypeItem t) p.collectTypeSource(t.typeId(), needed);
            }
        }
        Set<Integer> packages = new LinkedHashSet<>();
        for (WitPackage pkg : resolve.packages()) {
            for (int id : pkg.interfaces().values()) {
                if (needed.contains(id) && pkg.id() != world.packageId()) packages.add(pkg.id());
            }
        }
        p.printDocument(world.packageId(), Set.of(worldId), needed, new ArrayList<>(packages), needed);
        return p.out.toString();
    }

    private void collectInterfaces(int id, Set<Integer> into) {
        if (resolve.iface(id).name() != null && !into.add(id)) return;
        for (int dep : resolve.iface(id).uses()) collectInterfaces(dep, into);
    }

    private void collectTypeSource(int typeId, Set<Integer> into) {
        if (resolve.type(typeId).kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof WitType.TypeRef r
                && resolve.type(r.id()).owner() instanceof TypeOwner.OfInterface o) {
            collectInterfaces(o.interfaceId(), into);
        }
    }

    private void printDocument(int rootPackage, Set<Integer> worlds, Set<Integer> interfaces, List<Integer> others,
                               Set<Integer> otherInterfaces) {
        WitPackage root = resolve.pkg(rootPackage);
        docs(root.docs());
        line("package " + packageName(root.name()) + ";");
        currentPackage = rootPackage;
        packageItems(root, worlds, interfaces);
        for (int id : others) {
            WitPackage pkg = resolve.pkg(id);
            out.append('\n');
            docs(pkg.docs());
            line("package " + packageName(pkg.name()) + " {");
            indent++;
            currentPackage = id;
            packageItems(pkg, worlds == null ? null : Set.of(), otherInterfaces);
            indent--;
            line("}");
            currentPackage = rootPackage;
        }
    }

    private void packageItems(WitPackage pkg, Set<Integer> worlds, Set<Integer> interfaces) {
        for (int id : pkg.interfaces().values()) {
            if (interfaces == null || interfaces.contains(id)) {
                out.append('\n');
                interfaceDecl(resolve.iface(id));
            }
        }
        for (int id : pkg.worlds().values()) {
            if (worlds == null || worlds.contains(id)) {
                out.append('\n');
                worldDecl(resolve.world(id));
            }
        }
    }

    // ---- interfaces

    private void interfaceDecl(WitInterface iface) {
        docs(iface.docs());
        gate(iface.stability());
        line("interface " + id(iface.name()) + " {");
        indent++;
        interfaceBody(iface);
        indent--;
        line("}");
    }

    private void interfaceBody(WitInterface iface) {
        List<Integer> types = new ArrayList<>(iface.types().values());
        uses(types);
        for (int id : types) {
            if (!isUse(id)) typeDef(resolve.type(id));
        }
        for (WitFunction f : iface.functions().values()) {
            if (!f.isResourceFunction()) {
                docs(f.docs());
                gate(f.stability());
                line(id(f.name()) + ": " + signature(f) + ";");
            }
        }
    }

    /** Whether a type definition was brought in by {@code use} (an alias of a type owned elsewhere). */
    private boolean isUse(int typeId) {
        TypeDef def = resolve.type(typeId);
        return def.kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof WitType.TypeRef r
                && !resolve.type(r.id()).owner().equals(def.owner());
    }

    /** Prints the {@code use} aliases among {@code types}, grouping runs from the same interface and gate. */
    private void uses(List<Integer> types) {
        List<Integer> run = new ArrayList<>();
        for (int id : types) {
            if (!isUse(id)) continue;
            if (!run.isEmpty() && !(sourceOf(run.get(0)) == sourceOf(id)
                    && resolve.type(run.get(0)).stability().equals(resolve.type(id).stability()))) {
                useLine(run);
                run.clear();
            }
            run.add(id);
        }
        if (!run.isEmpty()) useLine(run);
    }

    private int sourceOf(int aliasId) {
        WitType.TypeRef r = (WitType.TypeRef) ((TypeDefKind.AliasDef) resolve.type(aliasId).kind()).target();
        return ((TypeOwner.OfInterface) resolve.type(r.id()).owner()).interfaceId();
    }

    private void useLine(List<Integer> run) {
        gate(resolve.type(run.get(0)).stability());
        List<String> names = new ArrayList<>();
        for (int id : run) {
            TypeDef alias = resolve.type(id);
            WitType.TypeRef r = (WitType.TypeRef) ((TypeDefKind.AliasDef) alias.kind()).target();
            String original = resolve.type(r.id()).name();
            names.add(original.equals(alias.name()) ? id(original) : id(original) + " as " + id(alias.name()));
        }
        line("use " + interfaceRef(sourceOf(run.get(0))) + ".{" + String.join(", ", names) + "};");
    }

    private String interfaceRef(int interfaceId) {
        WitInterface i = resolve.iface(interfaceId);
        if (i.packageId() == currentPackage) return id(i.name());
        PackageName n = resolve.pkg(i.packageId()).name();
        return id(n.namespace()) + ":" + id(n.name()) + "/" + id(i.name()) + (n.version() == null ? "" : "@" + n.version());
    }

    private void typeDef(TypeDef def) {
        docs(def.docs());
        gate(def.stability());
        String name = id(def.name());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef r) {
            line("record " + name + " {");
            indent++;
            for (TypeDefKind.Field f : r.fields()) {
                docs(f.docs());
                line(id(f.name()) + ": " + type(f.type()) + ",");
            }
            indent--;
            line("}");
        } else if (kind instanceof TypeDefKind.VariantDef v) {
            line("variant " + name + " {");
            indent++;
            for (TypeDefKind.Case c : v.cases()) {
                docs(c.docs());
                line(id(c.name()) + (c.type() == null ? "" : "(" + type(c.type()) + ")") + ",");
            }
            indent--;
            line("}");
        } else if (kind instanceof TypeDefKind.EnumDef e) {
            labels("enum " + name, e.cases());
        } else if (kind instanceof TypeDefKind.FlagsDef f) {
            labels("flags " + name, f.flags());
        } else if (kind instanceof TypeDefKind.ResourceDef) {
            List<WitFunction> funcs = resolve.resourceFunctions(def.id());
            if (funcs.isEmpty()) {
                line("resource " + name + ";");
                return;
            }
            line("resource " + name + " {");
            indent++;
            for (WitFunction f : funcs) {
                docs(f.docs());
                gate(f.stability());
                switch (f.kind()) {
                    case CONSTRUCTOR -> {
                        boolean plain = f.result() instanceof WitType.HandleType h && !h.borrow();
                        line("constructor" + params(f) + (plain ? "" : " -> " + type(f.result())) + ";");
                    }
                    case STATIC -> line(id(f.name()) + ": static " + signature(f) + ";");
                    default -> line(id(f.name()) + ": " + signature(f) + ";");
                }
            }
            indent--;
            line("}");
        } else if (kind instanceof TypeDefKind.AliasDef a) {
            line("type " + name + " = " + type(a.target()) + ";");
        }
    }

    private void labels(String head, List<TypeDefKind.Label> labels) {
        line(head + " {");
        indent++;
        for (TypeDefKind.Label l : labels) {
            docs(l.docs());
            line(id(l.name()) + ",");
        }
        indent--;
        line("}");
    }

    private String signature(WitFunction f) {
        return (f.async() ? "async " : "") + "func" + params(f) + (f.result() == null ? "" : " -> " + type(f.result()));
    }

    private String params(WitFunction f) {
        List<String> ps = new ArrayList<>();
        List<WitFunction.Param> params = f.params();
        int start = f.kind() == WitFunction.Kind.METHOD ? 1 : 0;
        for (int i = start; i < params.size(); i++) ps.add(id(params.get(i).name()) + ": " + type(params.get(i).type()));
        return "(" + String.join(", ", ps) + ")";
    }

    /** A type as WIT text, naming definitions by their name in the current scope. */
    public static String typeText(Resolve resolve, WitType t) {
        return new WitPrinter(resolve).type(t);
    }

    /**
     * A type with every named type written out as its definition ({@code record { a: u32 }}, {@code resource}), for
     * messages that compare two types whose names may agree while their definitions differ.
     */
    public static String structureText(Resolve resolve, WitType t) {
        WitPrinter p = new WitPrinter(resolve);
        return p.render(t, new java.util.function.Function<>() {
            private int depth;

            @Override
            public String apply(WitType leaf) {
                if (depth > 50) return "...";
                depth++;
                try {
                    return p.structure(leaf, this);
                } finally {
                    depth--;
                }
            }
        });
    }

    private String structure(WitType leaf, java.util.function.Function<WitType, String> inner) {
        if (leaf instanceof WitType.HandleType h) return h.borrow() ? "borrow<resource>" : "own<resource>";
        WitType t = resolve.dealias(leaf);
        if (!(t instanceof WitType.TypeRef r)) return render(t, inner);
        TypeDefKind kind = resolve.type(r.id()).kind();
        List<String> parts = new ArrayList<>();
        if (kind instanceof TypeDefKind.RecordDef rec) {
            for (TypeDefKind.Field f : rec.fields()) parts.add(id(f.name()) + ": " + render(f.type(), inner));
            return "record { " + String.join(", ", parts) + " }";
        }
        if (kind instanceof TypeDefKind.VariantDef v) {
            for (TypeDefKind.Case c : v.cases()) parts.add(id(c.name()) + (c.type() == null ? "" : "(" + render(c.type(), inner) + ")"));
            return "variant { " + String.join(", ", parts) + " }";
        }
        if (kind instanceof TypeDefKind.EnumDef e) {
            for (TypeDefKind.Label l : e.cases()) parts.add(id(l.name()));
            return "enum { " + String.join(", ", parts) + " }";
        }
        if (kind instanceof TypeDefKind.FlagsDef f) {
            for (TypeDefKind.Label l : f.flags()) parts.add(id(l.name()));
            return "flags { " + String.join(", ", parts) + " }";
        }
        return "resource";
    }

    private String type(WitType t) {
        return render(t, leaf -> {
            if (leaf instanceof WitType.HandleType h) {
                String n = id(resolve.type(h.resource()).name());
                return h.borrow() ? "borrow<" + n + ">" : n;
            }
            return id(resolve.type(((WitType.TypeRef) leaf).id()).name());
        });
    }

    /** A type as WIT text; named types and handles are written by {@code leaf}. */
    private String render(WitType t, java.util.function.Function<WitType, String> leaf) {
        if (t instanceof WitType.Primitive p) return p.wit();
        if (t instanceof WitType.TypeRef || t instanceof WitType.HandleType) return leaf.apply(t);
        if (t instanceof WitType.ListType l) return "list<" + render(l.element(), leaf) + ">";
        if (t instanceof WitType.FixedListType l) return "list<" + render(l.element(), leaf) + ", " + l.length() + ">";
        if (t instanceof WitType.MapType m) return "map<" + render(m.key(), leaf) + ", " + render(m.value(), leaf) + ">";
        if (t instanceof WitType.OptionType o) return "option<" + render(o.some(), leaf) + ">";
        if (t instanceof WitType.ResultType r) {
            if (r.ok() == null && r.err() == null) return "result";
            if (r.err() == null) return "result<" + render(r.ok(), leaf) + ">";
            return "result<" + (r.ok() == null ? "_" : render(r.ok(), leaf)) + ", " + render(r.err(), leaf) + ">";
        }
        if (t instanceof WitType.TupleType tu) {
            List<String> parts = new ArrayList<>();
            for (WitType x : tu.types()) parts.add(render(x, leaf));
            return "tuple<" + String.join(", ", parts) + ">";
        }
        if (t instanceof WitType.FutureType f) return f.payload() == null ? "future" : "future<" + render(f.payload(), leaf) + ">";
        if (t instanceof WitType.StreamType s) return s.payload() == null ? "stream" : "stream<" + render(s.payload(), leaf) + ">";
        return "error-context";
    }

    // ---- worlds

    private void worldDecl(WitWorld world) {
        docs(world.docs());
        gate(world.stability());
        line("world " + id(world.name()) + " {");
        indent++;
        worldItems("import", world.imports());
        worldItems("export", world.exports());
        indent--;
        line("}");
    }

    private void worldItems(String kind, Map<String, WorldItem> items) {
        List<Integer> useRun = new ArrayList<>();
        for (Map.Entry<String, WorldItem> e : items.entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.TypeItem t && isUse(t.typeId())) {
                useRun.add(t.typeId());
                continue;
            }
            if (!useRun.isEmpty()) {
                uses(useRun);
                useRun.clear();
            }
            if (item instanceof WorldItem.TypeItem t) {
                typeDef(resolve.type(t.typeId()));
            } else if (item instanceof WorldItem.FunctionItem f && f.function().isResourceFunction()) {
                continue; // printed inside its resource
            } else if (item instanceof WorldItem.FunctionItem f) {
                docs(f.function().docs());
                gate(f.stability());
                line(kind + " " + id(e.getKey()) + ": " + signature(f.function()) + ";");
            } else if (item instanceof WorldItem.InterfaceItem i) {
                docs(i.docs());
                gate(i.stability());
                WitInterface iface = resolve.iface(i.interfaceId());
                if (iface.name() == null) {
                    line(kind + " " + id(e.getKey()) + ": interface {");
                    indent++;
                    interfaceBody(iface);
                    indent--;
                    line("}");
                } else if (i.plainName() != null) {
                    line(kind + " " + id(e.getKey()) + ": " + interfaceRef(i.interfaceId()) + ";");
                } else {
                    line(kind + " " + interfaceRef(i.interfaceId()) + ";");
                }
            }
        }
        if (!useRun.isEmpty()) uses(useRun);
    }

    // ---- text helpers

    private void gate(Stability s) {
        if (s instanceof Stability.Stable st) {
            line("@since(version = " + st.since() + ")");
        } else if (s instanceof Stability.Unstable u) {
            line("@unstable(feature = " + id(u.feature()) + ")");
        }
        if (s.deprecated() != null) line("@deprecated(version = " + s.deprecated() + ")");
    }

    private void docs(String docs) {
        if (docs == null) return;
        for (String l : docs.split("\n", -1)) line(l.isEmpty() ? "///" : "/// " + l);
    }

    private void line(String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private static String packageName(PackageName n) {
        return id(n.namespace()) + ":" + id(n.name()) + (n.version() == null ? "" : "@" + n.version());
    }

    /** An identifier, with {@code %} when it is a keyword. */
    static String id(String name) {
        return WitLexer.KEYWORDS.contains(name) ? "%" + name : name;
    }
}
