package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitTypes;
import dev.pipeline.api.wit.WorldItem;
import dev.pipeline.api.wit.text.WitPrinter;

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
        ComponentWit.Decoded appWorld = ComponentWit.decode(appC);
        Map<String, WorldItem> appImports = appWorld.resolve().world(appWorld.worldId()).imports();

        ComponentBuilder out = new ComponentBuilder();
        Map<String, Integer> importedNames = new HashMap<>();
        Map<String, Integer> provided = new LinkedHashMap<>();     // app import name -> outer instance index
        Map<String, String> satisfiedBy = new LinkedHashMap<>();
        for (Dependency dep : deps) {
            Component depC = ComponentDecoder.decode(dep.component(), dep.name());
            ComponentWit.Decoded depWorld = ComponentWit.decode(depC);
            Map<String, WorldItem> depExports = depWorld.resolve().world(depWorld.worldId()).exports();
            List<String> fits = new ArrayList<>();
            for (Map.Entry<String, WorldItem> e : depExports.entrySet()) {
                WorldItem wanted = appImports.get(e.getKey());
                if (wanted == null || !(e.getValue() instanceof WorldItem.InterfaceItem given)) continue;
                if (!(wanted instanceof WorldItem.InterfaceItem want)) {
                    throw new PipelineException(dep.name() + " exports the interface `" + e.getKey()
                            + "`, but the app imports `" + e.getKey() + "` as a function");
                }
                if (satisfiedBy.containsKey(e.getKey())) {
                    throw new PipelineException("both " + satisfiedBy.get(e.getKey()) + " and " + dep.name()
                            + " export `" + e.getKey() + "`, which the app imports once");
                }
                new InterfaceCheck(e.getKey(), appWorld.resolve(), depWorld.resolve(), dep.name())
                        .check(want.interfaceId(), given.interfaceId());
                fits.add(e.getKey());
            }
            if (fits.isEmpty()) {
                throw new PipelineException(dep.name() + " satisfies none of the app's imports: it exports "
                        + (depExports.isEmpty() ? "nothing" : "`" + String.join("`, `", depExports.keySet()) + "`")
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
    static DefType.ComponentType declarations(Component c, String what) {
        List<Declarator> decls = new ArrayList<>();
        ExternType placeholderInstance = new ExternType(Sort.INSTANCE, -1, false);
        ExternType placeholderType = new ExternType(Sort.TYPE, -1, true);
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.Types t) {
                for (DefType d : t.types()) decls.add(new Declarator.Type(d));
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
        return new DefType.ComponentType(decls);
    }

    /** Checks that a dependency's exported interface has every function and type the app's import expects, alike. */
    private record InterfaceCheck(String iface, Resolve app, Resolve dep, String depName) {
        void check(int wantedId, int givenId) {
            WitInterface wanted = app.iface(wantedId), given = dep.iface(givenId);
            for (Map.Entry<String, WitFunction> f : wanted.functions().entrySet()) {
                WitFunction g = given.functions().get(f.getKey());
                if (g == null) {
                    throw new PipelineException("import `" + iface + "`: " + depName + " does not export the function `"
                            + f.getKey() + "` (it exports " + (given.functions().isEmpty() ? "no functions"
                            : "`" + String.join("`, `", given.functions().keySet()) + "`") + ")");
                }
                if (!sameFunction(f.getValue(), g)) {
                    throw new PipelineException("import `" + iface + "`, function `" + f.getKey() + "`: the app expects `"
                            + describe(app, f.getValue()) + "`, " + depName + " exports `" + describe(dep, g) + "`");
                }
            }
            for (Map.Entry<String, Integer> t : wanted.types().entrySet()) {
                Integer g = given.types().get(t.getKey());
                if (g == null) {
                    throw new PipelineException("import `" + iface + "`: " + depName + " does not export the type `" + t.getKey() + "`");
                }
                if (!WitTypes.sameStructure(app, new WitType.TypeRef(t.getValue()), dep, new WitType.TypeRef(g))) {
                    throw new PipelineException("import `" + iface + "`, type `" + t.getKey() + "`: the app expects `"
                            + describe(app, t.getValue()) + "`, " + depName + " exports `" + describe(dep, g) + "`");
                }
            }
        }

        private boolean sameFunction(WitFunction f, WitFunction g) {
            if (f.async() != g.async() || f.params().size() != g.params().size()) return false;
            for (int i = 0; i < f.params().size(); i++) {
                if (!f.params().get(i).name().equals(g.params().get(i).name())
                        || !WitTypes.sameStructure(app, f.params().get(i).type(), dep, g.params().get(i).type())) return false;
            }
            return (f.result() == null) == (g.result() == null)
                    && (f.result() == null || WitTypes.sameStructure(app, f.result(), dep, g.result()));
        }

        /** A function's signature as WIT. */
        private static String describe(Resolve r, WitFunction f) {
            List<String> ps = new ArrayList<>();
            for (WitFunction.Param p : f.params()) ps.add(p.name() + ": " + WitPrinter.structureText(r, p.type()));
            return "func(" + String.join(", ", ps) + ")" + (f.result() == null ? "" : " -> " + WitPrinter.structureText(r, f.result()));
        }

        /** A named type's definition as WIT. */
        private static String describe(Resolve r, int typeId) {
            return WitPrinter.structureText(r, new WitType.TypeRef(typeId));
        }
    }
}
