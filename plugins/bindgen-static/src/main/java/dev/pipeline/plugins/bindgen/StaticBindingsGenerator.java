package dev.pipeline.plugins.bindgen;

import dev.pipeline.api.descriptor.WorldDescriptor;
import dev.pipeline.api.python.PythonNames;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.TypeOwner;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WorldItem;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.pipeline.api.python.ResultTypesModule;

/**
 * Generates the {@code wit_world} package for a world: dataclasses, enums, flags, variant unions, imported
 * functions and resources that call the runtime, and Protocol classes for what the app exports. In stub mode
 * (for IDEs and type checkers) bodies raise NotImplementedError and the runtime is not imported.
 */
final class StaticBindingsGenerator {
    private final WorldView view;
    private final Resolve resolve;
    private final PythonLayout layout;
    private final boolean stub;
    private final Map<String, PythonWriter> files = new LinkedHashMap<>();

    StaticBindingsGenerator(WorldView view, PythonLayout layout, boolean stub) {
        this.view = view;
        this.resolve = view.resolve();
        this.layout = layout;
        this.stub = stub;
    }

    /** Relative file path → contents, in a stable order. */
    Map<String, String> generate() {
        PythonWriter root = writer(layout.root());
        writer(layout.root() + ".imports");
        PythonWriter exportsPkg = writer(layout.root() + ".exports");

        // world-level types and imported functions
        for (WorldItem item : view.world().imports().values()) {
            if (item instanceof WorldItem.TypeItem ti) typeDefinition(root, resolve.type(ti.typeId()), false);
        }
        for (int id : view.importedInterfaces().keySet()) {
            PythonWriter w = writer(layout.moduleOf(id));
            WitInterface iface = resolve.iface(id);
            for (int typeId : iface.types().values()) typeDefinition(w, resolve.type(typeId), false);
        }
        for (int id : view.exportedInterfaces().keySet()) {
            if (!layout.isExported(id)) continue;
            PythonWriter w = writer(layout.moduleOf(id));
            WitInterface iface = resolve.iface(id);
            for (int typeId : iface.types().values()) typeDefinition(w, resolve.type(typeId), true);
        }
        for (WorldFunction f : view.imports()) {
            if (f.function().isResourceFunction()) continue;
            PythonWriter w = f.interfaceId() == null ? root : writer(layout.moduleOf(f.interfaceId()));
            importFunction(w, f);
        }
        // protocols for exports
        List<WorldFunction> worldExports = new ArrayList<>();
        Map<Integer, List<WorldFunction>> byInterface = new LinkedHashMap<>();
        for (WorldFunction f : view.exports()) {
            if (f.function().isResourceFunction()) continue;
            if (f.interfaceId() == null) worldExports.add(f);
            else byInterface.computeIfAbsent(f.interfaceId(), k -> new ArrayList<>()).add(f);
        }
        for (int id : view.exportedInterfaces().keySet()) byInterface.computeIfAbsent(id, k -> new ArrayList<>());
        protocol(root, "WitWorld", view.world().docs(), worldExports);
        for (Map.Entry<Integer, List<WorldFunction>> e : byInterface.entrySet()) {
            protocol(exportsPkg, layout.exportProtocol(e.getKey()), resolve.iface(e.getKey()).docs(), e.getValue());
        }

        Map<String, String> out = new LinkedHashMap<>();
        for (PythonWriter w : files.values()) {
            String path = w.module().replace('.', '/');
            boolean pkg = w.module().equals(layout.root()) || w.module().endsWith(".imports") && w.module().split("\\.").length == 2
                    || w.module().endsWith(".exports") && w.module().split("\\.").length == 2;
            out.put(pkg ? path + "/__init__.py" : path + ".py", w.render(stub));
        }
        out.put("componentize_py_types.py", TYPES_MODULE);
        return out;
    }

    /** The generated modules' dotted names, for the packaging stage's entry list. */
    List<String> modules() {
        return new ArrayList<>(files.keySet());
    }

    private PythonWriter writer(String module) {
        return files.computeIfAbsent(module, PythonWriter::new);
    }

    // --- types

    private void typeDefinition(PythonWriter w, TypeDef def, boolean exportedInterface) {
        String name = layout.className(def);
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef r) {
            w.line(0, "@dataclass").line(0, "class " + name + ":");
            w.doc(1, def.docs());
            if (r.fields().isEmpty()) w.line(1, "pass");
            for (TypeDefKind.Field f : r.fields()) {
                w.line(1, PythonNames.snake(f.name()) + ": " + annot(w, f.type()));
                if (f.docs() != null && !f.docs().isBlank()) w.doc(1, f.docs());
            }
            w.blank().blank();
        } else if (kind instanceof TypeDefKind.VariantDef v) {
            List<String> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                String cls = layout.caseClassName(def, c);
                cases.add(cls);
                w.line(0, "@dataclass").line(0, "class " + cls + ":");
                w.doc(1, c.docs());
                w.line(1, c.type() == null ? "pass" : "value: " + annot(w, c.type()));
                w.blank().blank();
            }
            w.line(0, name + " = Union[" + String.join(", ", cases) + "]");
            w.doc(0, def.docs());
            w.blank().blank();
        } else if (kind instanceof TypeDefKind.EnumDef e) {
            w.line(0, "class " + name + "(Enum):");
            w.doc(1, def.docs());
            for (int i = 0; i < e.cases().size(); i++) w.line(1, PythonNames.shouty(e.cases().get(i).name()) + " = " + i);
            w.blank().blank();
        } else if (kind instanceof TypeDefKind.FlagsDef f) {
            w.line(0, "class " + name + "(Flag):");
            w.doc(1, def.docs());
            if (f.flags().isEmpty()) w.line(1, "pass");
            for (TypeDefKind.Label l : f.flags()) w.line(1, PythonNames.shouty(l.name()) + " = auto()");
            w.blank().blank();
        } else if (kind instanceof TypeDefKind.AliasDef a) {
            w.line(0, name + " = " + runtimeRef(w, a.target()));
            w.doc(0, def.docs());
            w.blank().blank();
        } else if (kind instanceof TypeDefKind.ResourceDef) {
            if (exportedInterface) exportedResource(w, def);
            else importedResource(w, def);
        }
    }

    /** An annotation for a type, qualified with its module when it is defined elsewhere. */
    private String annot(PythonWriter w, WitType t) {
        if (t instanceof WitType.Primitive p) {
            return switch (p) {
                case BOOL -> "bool";
                case F32, F64 -> "float";
                case CHAR, STRING -> "str";
                default -> "int";
            };
        }
        if (t instanceof WitType.ListType l) {
            WitType e = resolve.dealias(l.element());
            if (e == WitType.Primitive.U8 || e == WitType.Primitive.S8) return "bytes";
            return "List[" + annot(w, l.element()) + "]";
        }
        if (t instanceof WitType.OptionType o) {
            String inner = annot(w, o.some());
            if (resolve.dealias(o.some()) instanceof WitType.OptionType) inner = "Some[" + inner + "]";
            return "Optional[" + inner + "]";
        }
        if (t instanceof WitType.ResultType r) {
            return "Result[" + (r.ok() == null ? "None" : annot(w, r.ok())) + ", " + (r.err() == null ? "None" : annot(w, r.err())) + "]";
        }
        if (t instanceof WitType.TupleType tt) {
            if (tt.types().isEmpty()) return "Tuple[()]";
            List<String> parts = new ArrayList<>();
            for (WitType x : tt.types()) parts.add(annot(w, x));
            return "Tuple[" + String.join(", ", parts) + "]";
        }
        if (t instanceof WitType.HandleType h) return qualified(w, resolve.dealiasDef(h.resource()));
        if (t instanceof WitType.TypeRef ref) {
            TypeDef def = resolve.dealiasDef(ref.id());
            if (def.kind() instanceof TypeDefKind.AliasDef a) return annot(w, a.target());
            return qualified(w, def);
        }
        return "Any";
    }

    /** A runtime expression naming a type (for aliases): a class, or the annotation text for anonymous types. */
    private String runtimeRef(PythonWriter w, WitType t) {
        if (t instanceof WitType.TypeRef ref) {
            TypeDef def = resolve.dealiasDef(ref.id());
            if (!(def.kind() instanceof TypeDefKind.AliasDef)) return qualified(w, def);
        }
        return annot(w, t);
    }

    private String qualified(PythonWriter w, TypeDef def) {
        String module = layout.moduleOf(def);
        if (def.owner() instanceof TypeOwner.OfWorld) module = layout.root();
        if (module.equals(w.module())) return layout.className(def);
        w.needs(module);
        return module + "." + layout.className(def);
    }

    // --- functions

    private String returnAnnot(PythonWriter w, WitFunction f) {
        if (f.result() == null) return "None";
        if (WorldDescriptor.resultRaises(resolve, f)) {
            WitType.ResultType r = (WitType.ResultType) resolve.dealias(f.result());
            return r.ok() == null ? "None" : annot(w, r.ok());
        }
        return annot(w, f.result());
    }

    private String raisesDoc(PythonWriter w, WitFunction f, String docs) {
        if (!WorldDescriptor.resultRaises(resolve, f)) return docs;
        WitType.ResultType r = (WitType.ResultType) resolve.dealias(f.result());
        String err = r.err() == null ? "None" : annot(w, r.err());
        String raises = "Raises: `componentize_py_types.Err(" + err + ")`";
        return docs == null || docs.isBlank() ? raises : docs.strip() + "\n\n" + raises;
    }

    private List<String> params(PythonWriter w, WitFunction f, boolean skipSelf) {
        List<String> out = new ArrayList<>();
        List<WitFunction.Param> ps = f.params();
        for (int i = skipSelf ? 1 : 0; i < ps.size(); i++) out.add(PythonNames.snake(ps.get(i).name()) + ": " + annot(w, ps.get(i).type()));
        return out;
    }

    private String args(WitFunction f, boolean skipSelf, String selfExpr) {
        List<String> out = new ArrayList<>();
        if (skipSelf) out.add(selfExpr);
        List<WitFunction.Param> ps = f.params();
        for (int i = skipSelf ? 1 : 0; i < ps.size(); i++) out.add(PythonNames.snake(ps.get(i).name()));
        return out.isEmpty() ? "()" : "(" + String.join(", ", out) + (out.size() == 1 ? ",)" : ")");
    }

    private void importFunction(PythonWriter w, WorldFunction wf) {
        WitFunction f = wf.function();
        w.line(0, "def " + layout.functionName(f) + "(" + String.join(", ", params(w, f, false)) + ") -> " + returnAnnot(w, f) + ":");
        w.doc(1, raisesDoc(w, f, f.docs()));
        body(w, 1, "return _pipeline_rt.call_import(" + wf.index() + ", " + args(f, false, null) + ")");
        w.blank().blank();
    }

    private void body(PythonWriter w, int indent, String runtimeLine) {
        w.line(indent, stub ? "raise NotImplementedError" : runtimeLine);
    }

    private WorldFunction worldFunction(WitFunction f, boolean export) {
        for (WorldFunction wf : export ? view.exports() : view.imports()) if (wf.function() == f) return wf;
        throw new IllegalStateException("function not in world: " + f.name());
    }

    private void importedResource(PythonWriter w, TypeDef def) {
        String name = layout.className(def);
        WorldResource res = view.resourceOf(def.id());
        List<WitFunction> fns = resolve.resourceFunctions(def.id());
        w.line(0, "class " + name + ":");
        w.doc(1, def.docs());
        w.line(1, "handle: Optional[int]").blank();
        WitFunction ctor = fns.stream().filter(f -> f.kind() == WitFunction.Kind.CONSTRUCTOR).findFirst().orElse(null);
        if (ctor != null) {
            WorldFunction wf = worldFunction(ctor, false);
            w.line(1, "def __init__(self" + prefixComma(params(w, ctor, false)) + ") -> None:");
            w.doc(2, raisesDoc(w, ctor, ctor.docs()));
            if (stub) {
                w.line(2, "raise NotImplementedError");
            } else {
                w.line(2, "made: " + name + " = _pipeline_rt.call_import(" + wf.index() + ", " + args(ctor, false, null) + ")");
                w.line(2, "self.handle = made.handle");
                w.line(2, "made.handle = None");
            }
        } else {
            w.line(1, "def __init__(self) -> None:");
            w.line(2, "raise TypeError(\"resource " + def.name() + " has no constructor\")");
        }
        w.blank();
        for (WitFunction f : fns) {
            if (f.kind() == WitFunction.Kind.CONSTRUCTOR) continue;
            WorldFunction wf = worldFunction(f, false);
            if (f.kind() == WitFunction.Kind.STATIC) {
                w.line(1, "@classmethod");
                w.line(1, "def " + layout.functionName(f) + "(cls" + prefixComma(params(w, f, false)) + ") -> " + returnAnnot(w, f) + ":");
                w.doc(2, raisesDoc(w, f, f.docs()));
                body(w, 2, "return _pipeline_rt.call_import(" + wf.index() + ", " + args(f, false, null) + ")");
            } else {
                w.line(1, "def " + layout.functionName(f) + "(self" + prefixComma(params(w, f, true)) + ") -> " + returnAnnot(w, f) + ":");
                w.doc(2, raisesDoc(w, f, f.docs()));
                body(w, 2, "return _pipeline_rt.call_import(" + wf.index() + ", " + args(f, true, "self") + ")");
            }
            w.blank();
        }
        w.line(1, "def drop(self) -> None:");
        w.doc(2, "Releases the resource now; later calls on this object fail.");
        if (stub) {
            w.line(2, "raise NotImplementedError");
        } else {
            w.line(2, "if getattr(self, \"handle\", None) is not None:");
            w.line(3, "_pipeline_rt.resource_drop(" + res.index() + ", self)");
        }
        w.blank();
        w.line(1, "def __enter__(self) -> Self:");
        w.doc(2, "Returns self.");
        w.line(2, "return self").blank();
        w.line(1, "def __exit__(self, exc_type: type[BaseException] | None, exc_value: BaseException | None, "
                + "traceback: TracebackType | None) -> None:");
        w.doc(2, "Releases the resource.");
        w.line(2, "self.drop()").blank();
        if (!stub) {
            w.line(1, "def __del__(self) -> None:");
            w.line(2, "self.drop()");
        }
        w.blank().blank();
    }

    private void exportedResource(PythonWriter w, TypeDef def) {
        String name = layout.className(def);
        w.line(0, "class " + name + "(Protocol):");
        w.doc(1, def.docs());
        List<WitFunction> fns = resolve.resourceFunctions(def.id());
        if (fns.isEmpty()) w.line(1, "pass");
        for (WitFunction f : fns) {
            switch (f.kind()) {
                case CONSTRUCTOR -> w.line(1, "@abstractmethod")
                        .line(1, "def __init__(self" + prefixComma(params(w, f, false)) + ") -> None:");
                case STATIC -> w.line(1, "@classmethod").line(1, "@abstractmethod")
                        .line(1, "def " + layout.functionName(f) + "(cls" + prefixComma(params(w, f, false)) + ") -> " + returnAnnot(w, f) + ":");
                default -> w.line(1, "@abstractmethod")
                        .line(1, "def " + layout.functionName(f) + "(self" + prefixComma(params(w, f, true)) + ") -> " + returnAnnot(w, f) + ":");
            }
            w.doc(2, raisesDoc(w, f, f.docs()));
            w.line(2, "raise NotImplementedError").blank();
        }
        w.blank();
    }

    private void protocol(PythonWriter w, String name, String docs, List<WorldFunction> fns) {
        w.line(0, "class " + name + "(Protocol):");
        w.doc(1, docs);
        if (fns.isEmpty()) w.line(1, "pass");
        for (WorldFunction wf : fns) {
            WitFunction f = wf.function();
            w.line(1, "@abstractmethod");
            w.line(1, "def " + layout.functionName(f) + "(self" + prefixComma(params(w, f, false)) + ") -> " + returnAnnot(w, f) + ":");
            w.doc(2, raisesDoc(w, f, f.docs()));
            w.line(2, "raise NotImplementedError").blank();
        }
        w.blank();
    }

    private static String prefixComma(List<String> params) {
        return params.isEmpty() ? "" : ", " + String.join(", ", params);
    }

    static final String TYPES_MODULE = PythonWriter.HEADER + ResultTypesModule.SOURCE;
}
