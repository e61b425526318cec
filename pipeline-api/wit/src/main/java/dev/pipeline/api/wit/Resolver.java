package dev.pipeline.api.wit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Suggestions;
import dev.pipeline.api.wit.PackageSource.Part;
import dev.pipeline.api.wit.WitType.HandleType;
import dev.pipeline.api.wit.WitType.TypeRef;
import dev.pipeline.api.wit.syntax.Ast;
import dev.pipeline.api.wit.syntax.Ast.*;
import dev.pipeline.api.wit.syntax.SemVer;
import dev.pipeline.api.wit.syntax.SourceFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns parsed packages into a {@link Resolve}: orders packages by dependency, resolves names across {@code use},
 * {@code include} and packages, applies feature gates, validates types and elaborates worlds.
 */
final class Resolver {
    /** How long a chain of interfaces or worlds depending on each other may be before the input is rejected. */
    static final int MAX_DEPENDENCY_DEPTH = 100;
    /** The component model's limit on the number of flags in one {@code flags} type. */
    static final int MAX_FLAGS = 32;

    private final Resolve resolve = new Resolve();
    private final Set<String> features;
    private final boolean allFeatures;
    private final Map<String, Integer> packageIds = new HashMap<>();
    /** Where each type definition was written, for errors found after its creation. */
    private final Map<Integer, Site> typeSites = new HashMap<>();
    /** Per type id: whether a borrow handle occurs in it (computed in topological order). */
    private final List<Boolean> containsBorrow = new ArrayList<>();

    private record Site(SourceFile file, int offset) {}

    Resolver(Set<String> features, boolean allFeatures) {
        this.features = features;
        this.allFeatures = allFeatures;
    }

    Resolve resolve(List<PackageSource> all, PackageSource root) {
        Map<String, PackageSource> byName = new HashMap<>();
        List<PackageSource> sources = new ArrayList<>();
        for (PackageSource s : all) {
            PackageSource previous = byName.putIfAbsent(s.name.toString(), s);
            if (previous == null) {
                sources.add(s);
            } else if (!previous.contents().equals(s.contents())) {
                throw s.declFile.error(s.decl.offset(), "package " + s.name + " is defined more than once, with different contents",
                        "it is also defined in " + previous.declFile.name() + "; copies of a package must agree");
            }
        }
        for (PackageSource s : orderPackages(sources, byName)) {
            int id = new PackageResolver(s).run();
            if (s == root) resolve.rootPackage = id;
        }
        return resolve;
    }

    // ------------------------------------------------------------------ gates

    private boolean enabled(Gate gate) {
        return gate.unstableFeature() == null || allFeatures || features.contains(gate.unstableFeature());
    }

    private Stability stability(Gate gate, SourceFile file, PackageName pkg) {
        if (gate.isNone()) return Stability.UNKNOWN;
        if (gate.since() != null && pkg.version() == null) {
            throw file.error(gate.offset(), "`@since` needs a versioned package",
                    "give the package a version: `package " + pkg + "@x.y.z;`");
        }
        if (gate.since() != null && SemVer.parse(gate.since()).compareTo(SemVer.parse(pkg.version())) > 0) {
            throw file.error(gate.offset(), "`@since(version = " + gate.since() + ")` is newer than package " + pkg,
                    "a gate cannot name a version that is not released yet");
        }
        return gate.since() != null ? new Stability.Stable(gate.since(), gate.deprecated())
                : new Stability.Unstable(gate.unstableFeature(), gate.deprecated());
    }

    private static String featureHint(String feature) {
        return "it is gated by `@unstable(feature = " + feature + ")`; enable it with --features " + feature;
    }

    // ------------------------------------------------------------------ package order

    /** A reference from one package to another, kept with its place for errors. */
    private record ForeignRef(ForeignPath path, SourceFile file) {}

    private List<PackageSource> orderPackages(List<PackageSource> sources, Map<String, PackageSource> byName) {
        Map<PackageSource, Set<PackageSource>> deps = new HashMap<>();
        for (PackageSource s : sources) {
            Set<PackageSource> out = new LinkedHashSet<>();
            for (ForeignRef ref : foreignRefs(s)) {
                String name = ref.path().packageName();
                if (name.equals(s.name.toString())) {
                    throw ref.file().error(ref.path().offset(), "package " + s.name + " refers to itself by its full name",
                            "inside a package, name its interfaces and worlds without the package: `" + ref.path().name() + "`");
                }
                PackageSource target = byName.get(name);
                if (target == null) throw missingPackage(ref, byName.keySet());
                out.add(target);
            }
            deps.put(s, out);
        }
        TreeMap<String, PackageSource> ready = new TreeMap<>();
        Map<PackageSource, Integer> waiting = new HashMap<>();
        Map<PackageSource, List<PackageSource>> dependents = new HashMap<>();
        for (PackageSource s : sources) {
            waiting.put(s, deps.get(s).size());
            for (PackageSource d : deps.get(s)) dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
            if (deps.get(s).isEmpty()) ready.put(s.name.toString(), s);
        }
        List<PackageSource> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            PackageSource s = ready.pollFirstEntry().getValue();
            order.add(s);
            for (PackageSource d : dependents.getOrDefault(s, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) ready.put(d.name.toString(), d);
            }
        }
        if (order.size() < sources.size()) {
            for (PackageSource s : sources) {
                if (order.contains(s)) continue;
                for (ForeignRef ref : foreignRefs(s)) {
                    PackageSource target = byName.get(ref.path().packageName());
                    if (target != null && target != s && !order.contains(target)) {
                        throw ref.file().error(ref.path().offset(), "package " + s.name + " depends on itself through "
                                + target.name, "packages may not form a dependency cycle");
                    }
                }
            }
        }
        return order;
    }

    private PipelineException missingPackage(ForeignRef ref, Set<String> known) {
        ForeignPath p = ref.path();
        String wanted = p.packageName();
        List<String> sameName = new ArrayList<>();
        for (String k : known) {
            if (k.equals(p.namespace() + ":" + p.pkg()) || k.startsWith(p.namespace() + ":" + p.pkg() + "@")) sameName.add(k);
        }
        String hint;
        if (!sameName.isEmpty()) {
            hint = "versions available: " + String.join(", ", sameName.stream().sorted().toList());
        } else {
            String dym = Suggestions.didYouMean(wanted, known);
            hint = dym != null ? dym : "put the package in the `deps/` folder next to the WIT files";
        }
        return ref.file().error(p.offset(), "package " + wanted + " not found", hint);
    }

    private List<ForeignRef> foreignRefs(PackageSource s) {
        List<ForeignRef> refs = new ArrayList<>();
        for (Part part : s.parts) {
            for (TopItem item : part.items()) {
                if (item instanceof TopUse u) {
                    addRef(refs, u.path(), part.file());
                } else if (item instanceof InterfaceDecl i) {
                    interfaceRefs(refs, i.members(), part.file());
                } else if (item instanceof WorldDecl w) {
                    // packages named by items a disabled feature leaves out must exist all the same
                    for (WorldMember m : w.members()) {
                        if (m instanceof UseDecl u) addRef(refs, u.from(), part.file());
                        if (m instanceof IncludeDecl inc) addRef(refs, inc.path(), part.file());
                        if (m instanceof ExternDecl e) {
                            if (e.extern() instanceof ExternPath p) addRef(refs, p.path(), part.file());
                            if (e.extern() instanceof ExternNamedPath p) addRef(refs, p.path(), part.file());
                            if (e.extern() instanceof ExternInline inline) interfaceRefs(refs, inline.members(), part.file());
                        }
                    }
                }
            }
        }
        return refs;
    }

    private void interfaceRefs(List<ForeignRef> refs, List<InterfaceMember> members, SourceFile file) {
        for (InterfaceMember m : members) {
            if (m instanceof UseDecl u) addRef(refs, u.from(), file);
        }
    }

    private static void addRef(List<ForeignRef> refs, UsePath path, SourceFile file) {
        if (path instanceof ForeignPath f) refs.add(new ForeignRef(f, file));
    }

    // ------------------------------------------------------------------ one package

    /** Resolves the interfaces and worlds of one package, on demand and in dependency order. */
    private final class PackageResolver {
        private final PackageSource src;
        private final WitPackage pkg;
        /** Interfaces and worlds of the package by name, with the file that defines them. */
        private final Map<String, Located<TopItem>> items = new LinkedHashMap<>();
        /** Names of items left out by a disabled feature, to the feature. */
        private final Map<String, String> disabled = new HashMap<>();
        /** Per file: names brought in by top-level {@code use}, to the path they name. */
        private final Map<SourceFile, Map<String, Located<TopUse>>> fileUses = new HashMap<>();
        private final Map<String, Integer> interfaceIds = new HashMap<>();
        private final Map<String, Integer> worldIds = new HashMap<>();
        private final Set<String> inProgress = new LinkedHashSet<>();
        /** Interfaces and worlds left out by a disabled feature; only the names they use are checked. */
        private final List<Located<TopItem>> disabledItems = new ArrayList<>();

        PackageResolver(PackageSource src) {
            this.src = src;
            this.pkg = new WitPackage(resolve.packages.size(), src.name, src.decl.docs());
        }

        int run() {
            resolve.packages.add(pkg);
            packageIds.put(src.name.toString(), pkg.id());
            for (Part part : src.parts) {
                Map<String, Located<TopUse>> uses = fileUses.computeIfAbsent(part.file(), f -> new LinkedHashMap<>());
                for (TopItem item : part.items()) {
                    if (item instanceof TopUse u) {
                        String local = u.asName() != null ? u.asName() : u.path().name();
                        if (uses.put(local, new Located<>(u, part.file())) != null) {
                            throw part.file().error(u.offset(), "name `" + local + "` is already used in this file", null);
                        }
                    } else if (item instanceof InterfaceDecl i) {
                        declare(i.name(), i.gate(), item, part.file(), i.offset());
                    } else if (item instanceof WorldDecl w) {
                        declare(w.name(), w.gate(), item, part.file(), w.offset());
                    }
                }
            }
            for (Map.Entry<SourceFile, Map<String, Located<TopUse>>> e : fileUses.entrySet()) {
                for (Map.Entry<String, Located<TopUse>> u : e.getValue().entrySet()) {
                    Located<TopItem> clash = items.get(u.getKey());
                    if (clash != null) {
                        throw e.getKey().error(u.getValue().item().offset(), "name `" + u.getKey()
                                + "` is already defined in package " + src.name, "rename it with `as`");
                    }
                }
            }
            for (Map.Entry<String, Located<TopItem>> e : items.entrySet()) {
                if (e.getValue().item() instanceof InterfaceDecl) interfaceId(e.getKey(), e.getValue().file(), -1);
                else worldId(e.getKey(), e.getValue().file(), -1);
            }
            for (Map.Entry<String, Located<TopItem>> e : items.entrySet()) {
                if (e.getValue().item() instanceof InterfaceDecl) pkg.interfaces.put(e.getKey(), interfaceIds.get(e.getKey()));
                else pkg.worlds.put(e.getKey(), worldIds.get(e.getKey()));
            }
            for (Map.Entry<SourceFile, Map<String, Located<TopUse>>> e : fileUses.entrySet()) {
                for (Located<TopUse> u : e.getValue().values()) interfaceOf(u.item().path(), e.getKey());
            }
            for (Located<TopItem> item : disabledItems) {
                List<?> members = item.item() instanceof InterfaceDecl i ? i.members() : ((WorldDecl) item.item()).members();
                Scope scope = new Scope(item.file());
                for (Object m : members) {
                    for (String n : namesOf(m)) scope.disabled.put(n, "");
                    scope.disabledMembers.add(m);
                }
                checkDisabledMembers(scope);
            }
            return pkg.id();
        }

        private void declare(String name, Gate gate, TopItem item, SourceFile file, int offset) {
            if (!enabled(gate)) {
                disabled.put(name, gate.unstableFeature());
                disabledItems.add(new Located<>(item, file));
                return;
            }
            Located<TopItem> previous = items.put(name, new Located<>(item, file));
            if (previous != null) {
                throw file.error(offset, "`" + name + "` is defined more than once in package " + src.name,
                        "interfaces and worlds of a package share one namespace");
            }
        }

        // ---- looking up interfaces and worlds

        private int interfaceOf(UsePath path, SourceFile file) {
            if (path instanceof ForeignPath f) {
                WitPackage other = foreignPackage(f, file);
                Integer id = other.interfaces().get(f.name());
                if (id == null) {
                    throw file.error(f.offset(), "interface `" + f.name() + "` not found in package " + other.name(),
                            hintAmong(f.name(), other.interfaces().keySet(), other.worlds().containsKey(f.name())
                                    ? "`" + f.name() + "` is a world, not an interface" : null));
                }
                return id;
            }
            String name = path.name();
            if (path instanceof LocalPath) {
                Located<TopUse> alias = fileUses.getOrDefault(file, Map.of()).get(name);
                if (alias != null) return interfaceOf(alias.item().path(), alias.file());
            }
            Located<TopItem> item = items.get(name);
            if (item == null || !(item.item() instanceof InterfaceDecl)) {
                String extra = item != null ? "`" + name + "` is a world, not an interface"
                        : disabled.containsKey(name) ? featureHint(disabled.get(name)) : null;
                Set<String> candidates = new LinkedHashSet<>(fileUses.getOrDefault(file, Map.of()).keySet());
                items.forEach((k, v) -> { if (v.item() instanceof InterfaceDecl) candidates.add(k); });
                throw file.error(path.offset(), "interface `" + name + "` does not exist", hintAmong(name, candidates, extra));
            }
            return interfaceId(name, file, path.offset());
        }

        private int worldOf(UsePath path, SourceFile file) {
            if (path instanceof ForeignPath f) {
                WitPackage other = foreignPackage(f, file);
                Integer id = other.worlds().get(f.name());
                if (id == null) {
                    throw file.error(f.offset(), "world `" + f.name() + "` not found in package " + other.name(),
                            hintAmong(f.name(), other.worlds().keySet(), null));
                }
                return id;
            }
            String name = path.name();
            Located<TopItem> item = items.get(name);
            if (item == null || !(item.item() instanceof WorldDecl)) {
                String extra = item != null ? "`" + name + "` is an interface, not a world"
                        : disabled.containsKey(name) ? featureHint(disabled.get(name)) : null;
                Set<String> candidates = new LinkedHashSet<>();
                items.forEach((k, v) -> { if (v.item() instanceof WorldDecl) candidates.add(k); });
                throw file.error(path.offset(), "world `" + name + "` does not exist", hintAmong(name, candidates, extra));
            }
            return worldId(name, file, path.offset());
        }

        private WitPackage foreignPackage(ForeignPath f, SourceFile file) {
            Integer id = packageIds.get(f.packageName());
            if (id == null) throw missingPackage(new ForeignRef(f, file), packageIds.keySet());
            return resolve.pkg(id);
        }

        private int interfaceId(String name, SourceFile from, int offset) {
            Integer id = interfaceIds.get(name);
            if (id != null) return id;
            Located<TopItem> item = items.get(name);
            enter(name, from, offset, item);
            InterfaceDecl decl = (InterfaceDecl) item.item();
            int resolved = resolveInterface(decl.name(), decl.members(), item.file(), decl.docs(),
                    stability(decl.gate(), item.file(), src.name), -1);
            inProgress.remove(name);
            interfaceIds.put(name, resolved);
            return resolved;
        }

        private int worldId(String name, SourceFile from, int offset) {
            Integer id = worldIds.get(name);
            if (id != null) return id;
            Located<TopItem> item = items.get(name);
            enter(name, from, offset, item);
            int resolved = resolveWorld((WorldDecl) item.item(), item.file());
            inProgress.remove(name);
            worldIds.put(name, resolved);
            return resolved;
        }

        private void enter(String name, SourceFile from, int offset, Located<TopItem> item) {
            if (inProgress.contains(name)) {
                SourceFile f = offset >= 0 ? from : item.file();
                int at = offset >= 0 ? offset : offsetOf(item.item());
                List<String> chain = new ArrayList<>(inProgress);
                chain = chain.subList(chain.indexOf(name), chain.size());
                throw f.error(at, "`" + name + "` depends on itself (" + String.join(" -> ", chain) + " -> " + name + ")",
                        "interfaces and worlds may not form a cycle of `use` or `include`");
            }
            if (inProgress.size() >= MAX_DEPENDENCY_DEPTH) {
                throw item.file().error(offsetOf(item.item()), "interfaces and worlds depend on each other more than "
                        + MAX_DEPENDENCY_DEPTH + " levels deep", null);
            }
            inProgress.add(name);
        }

        private int offsetOf(TopItem item) {
            if (item instanceof InterfaceDecl i) return i.offset();
            if (item instanceof WorldDecl w) return w.offset();
            return ((TopUse) item).offset();
        }

        // ---- interfaces

        /** Resolves an interface body; {@code worldId} is the world of an inline interface, else -1. */
        private int resolveInterface(String name, List<InterfaceMember> members, SourceFile file, String docs,
                                     Stability stability, int worldId) {
            List<UseDecl> uses = new ArrayList<>();
            List<TypeDecl> typeDecls = new ArrayList<>();
            List<FuncDecl> funcs = new ArrayList<>();
            Scope scope = new Scope(file);
            for (InterfaceMember m : members) {
                Gate gate = gateOf(m);
                if (!enabled(gate)) {
                    for (String n : namesOf(m)) scope.disabled.put(n, gate.unstableFeature());
                    scope.disabledMembers.add(m);
                    continue;
                }
                if (m instanceof UseDecl u) uses.add(u);
                if (m instanceof TypeDecl t) typeDecls.add(t);
                if (m instanceof FuncDecl f) funcs.add(f);
            }
            List<Integer> sources = new ArrayList<>();
            for (UseDecl u : uses) sources.add(interfaceOf(u.from(), file));
            WitInterface iface = new WitInterface(resolve.interfaces.size(), name, pkg.id(), docs, stability);
            resolve.interfaces.add(iface);
            TypeOwner owner = new TypeOwner.OfInterface(iface.id());
            int firstType = resolve.types.size();
            for (int i = 0; i < uses.size(); i++) {
                int from = sources.get(i);
                for (int id : useTypes(uses.get(i), from, scope, owner)) iface.types.put(resolve.type(id).name(), id);
                iface.uses.add(from);
            }
            for (int id : declareTypes(typeDecls, scope, owner)) iface.types.put(resolve.type(id).name(), id);
            defineTypes(scope);
            checkDisabledMembers(scope);
            Set<String> foldedFunctions = new HashSet<>();
            for (FuncDecl f : funcs) {
                checkFunctionName(f.name(), scope, file, f.offset());
                WitFunction fn = function(f.name(), WitFunction.Kind.FREESTANDING, -1, f.sig(), f.docs(),
                        stability(f.gate(), file, src.name), scope, f.offset());
                scope.functionOffsets.put(fn, f.offset());
                addFunction(iface.functions, foldedFunctions, fn, fn.name(), file, f.offset());
            }
            for (TypeDecl t : typeDecls) {
                if (t instanceof ResourceDecl r) resourceFunctions(r, scope, iface.functions, foldedFunctions);
            }
            validateScope(scope, firstType, resolve.types.size(), iface.functions.values());
            return iface.id();
        }

        private void checkFunctionName(String name, Scope scope, SourceFile file, int offset) {
            String type = scope.folded.get(fold(name));
            if (type != null) {
                throw file.error(offset, "`" + name + "` is already defined as type `" + type + "`",
                        "names in an interface must be unique, ignoring case");
            }
        }

        /** Adds a function under its component-level name; {@code folded} holds the names added so far, lowercased. */
        private void addFunction(Map<String, WitFunction> into, Set<String> folded, WitFunction fn, String key,
                                 SourceFile file, int offset) {
            if (!folded.add(fold(key))) {
                throw file.error(offset, "function `" + key + "` is defined more than once",
                        into.containsKey(key) ? null : "names are case-insensitive");
            }
            into.put(key, fn);
        }

        private void resourceFunctions(ResourceDecl r, Scope scope, Map<String, WitFunction> into, Set<String> folded) {
            int rid = scope.types.get(r.name());
            boolean constructor = false;
            for (ResourceFunc f : r.funcs()) {
                if (!enabled(f.gate())) {
                    checkNames(f.sig(), scope);
                    continue;
                }
                WitFunction.Kind kind = switch (f.kind()) {
                    case CONSTRUCTOR -> WitFunction.Kind.CONSTRUCTOR;
                    case METHOD -> WitFunction.Kind.METHOD;
                    case STATIC -> WitFunction.Kind.STATIC;
                };
                if (kind == WitFunction.Kind.CONSTRUCTOR) {
                    if (constructor) throw scope.file.error(f.offset(), "resource `" + r.name() + "` has more than one constructor", null);
                    constructor = true;
                }
                WitFunction fn = function(f.name(), kind, rid, f.sig(), f.docs(), stability(f.gate(), scope.file, src.name),
                        scope, f.offset());
                scope.functionOffsets.put(fn, f.offset());
                String key = fn.fullName(r.name());
                String clash = kind == WitFunction.Kind.METHOD ? "[static]" + r.name() + "." + f.name()
                        : kind == WitFunction.Kind.STATIC ? "[method]" + r.name() + "." + f.name() : null;
                if (clash != null && into.containsKey(clash)) {
                    throw scope.file.error(f.offset(), "`" + f.name() + "` is defined more than once in resource `" + r.name() + "`", null);
                }
                addFunction(into, folded, fn, key, scope.file, f.offset());
            }
        }

        private WitFunction function(String name, WitFunction.Kind kind, int resource, FuncSig sig, String docs,
                                     Stability stability, Scope scope, int offset) {
            List<WitFunction.Param> params = new ArrayList<>();
            Set<String> names = new HashSet<>();
            if (kind == WitFunction.Kind.METHOD) {
                params.add(new WitFunction.Param("self", new HandleType(true, resource)));
                names.add("self");
            }
            for (Param p : sig.params()) {
                if (!names.add(fold(p.name()))) {
                    throw scope.file.error(p.offset(), "parameter `" + p.name() + "` is defined more than once",
                            p.name().equals("self") ? "methods already take `self` implicitly" : null);
                }
                params.add(new WitFunction.Param(p.name(), type(p.type(), scope, false)));
            }
            WitType result = sig.result() == null ? null : type(sig.result(), scope, false);
            if (kind == WitFunction.Kind.CONSTRUCTOR) {
                HandleType own = new HandleType(false, resource);
                if (result == null) {
                    result = own;
                } else if (!(result instanceof WitType.ResultType r && own.equals(r.ok()))) {
                    throw scope.file.error(sig.result().offset(), "a constructor may only return `result<"
                            + resolve.type(resource).name() + ", E>`", "or leave the result out to return the resource");
                }
            }
            return new WitFunction(name, kind, resource, sig.async(), params, result, docs, stability);
        }

        // ---- types shared by interfaces and worlds

        /** Adds aliases for the names of a {@code use}; returns their type ids. */
        private List<Integer> useTypes(UseDecl u, int from, Scope scope, TypeOwner owner) {
            WitInterface source = resolve.iface(from);
            List<Integer> ids = new ArrayList<>();
            // a gate is checked on the types a `use` brings in: an empty `use` has none
            Stability stab = u.names().isEmpty() ? Stability.UNKNOWN : stability(u.gate(), scope.file, src.name);
            for (UseName n : u.names()) {
                Integer target = source.types.get(n.name());
                if (target == null) {
                    String extra = source.functions.containsKey(n.name())
                            ? "`" + n.name() + "` is a function; only types can be used" : null;
                    throw scope.file.error(n.offset(), "type `" + n.name() + "` not defined in interface "
                                    + describe(from), hintAmong(n.name(), source.types.keySet(), extra));
                }
                TypeDef def = newType(n.localName(), owner, null, stab, scope.file, n.offset());
                def.setKind(new TypeDefKind.AliasDef(new TypeRef(target)));
                scope.define(n.localName(), def.id(), n.offset());
                ids.add(def.id());
            }
            return ids;
        }

        private String describe(int interfaceId) {
            String n = resolve.interfaceName(interfaceId);
            return n == null ? "(inline)" : "`" + n + "`";
        }

        private List<Integer> declareTypes(List<TypeDecl> decls, Scope scope, TypeOwner owner) {
            List<Integer> ids = new ArrayList<>();
            for (TypeDecl t : decls) {
                TypeDef def = newType(t.name(), owner, t.docs(), stability(t.gate(), scope.file, src.name), scope.file, t.offset());
                scope.define(t.name(), def.id(), t.offset());
                scope.pending.put(def.id(), t);
                ids.add(def.id());
            }
            return ids;
        }

        private TypeDef newType(String name, TypeOwner owner, String docs, Stability stab, SourceFile file, int offset) {
            TypeDef def = new TypeDef(resolve.types.size(), name, owner, docs, stab);
            resolve.types.add(def);
            containsBorrow.add(false);
            typeSites.put(def.id(), new Site(file, offset));
            return def;
        }

        private void defineTypes(Scope scope) {
            for (Map.Entry<Integer, TypeDecl> e : scope.pending.entrySet()) {
                resolve.type(e.getKey()).setKind(kind(e.getValue(), scope));
            }
        }

        private TypeDefKind kind(TypeDecl decl, Scope scope) {
            SourceFile file = scope.file;
            if (decl instanceof RecordDecl r) {
                    if (r.fields().isEmpty()) throw file.error(r.offset(), "record `" + r.name() + "` has no fields", "a record needs at least one field");
                    Set<String> seen = new HashSet<>();
                    List<TypeDefKind.Field> fields = new ArrayList<>();
                    for (Field f : r.fields()) {
                        unique(seen, f.name(), "field", r.name(), file, f.offset());
                        fields.add(new TypeDefKind.Field(f.name(), type(f.type(), scope, false), f.docs()));
                    }
                    return new TypeDefKind.RecordDef(fields);
            }
            if (decl instanceof VariantDecl v) {
                    if (v.cases().isEmpty()) throw file.error(v.offset(), "variant `" + v.name() + "` has no cases", "a variant needs at least one case");
                    Set<String> seen = new HashSet<>();
                    List<TypeDefKind.Case> cases = new ArrayList<>();
                    for (Case c : v.cases()) {
                        unique(seen, c.name(), "case", v.name(), file, c.offset());
                        cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : type(c.type(), scope, false), c.docs()));
                    }
                    return new TypeDefKind.VariantDef(cases);
            }
            if (decl instanceof EnumDecl en) {
                    if (en.cases().isEmpty()) throw file.error(en.offset(), "enum `" + en.name() + "` has no cases", "an enum needs at least one case");
                    return new TypeDefKind.EnumDef(labels(en.cases(), "case", en.name(), file));
            }
            if (decl instanceof FlagsDecl fl) {
                    if (fl.flags().isEmpty()) throw file.error(fl.offset(), "flags `" + fl.name() + "` has no flags", "a flags type needs at least one flag");
                    if (fl.flags().size() > MAX_FLAGS) {
                        throw file.error(fl.flags().get(MAX_FLAGS).offset(), "flags `" + fl.name() + "` has "
                                + fl.flags().size() + " flags, more than the " + MAX_FLAGS + " the component model allows",
                                "split it into several flags types");
                    }
                    return new TypeDefKind.FlagsDef(labels(fl.flags(), "flag", fl.name(), file));
            }
            if (decl instanceof ResourceDecl) return new TypeDefKind.ResourceDef();
            return new TypeDefKind.AliasDef(type(((AliasDecl) decl).target(), scope, true));
        }

        private List<TypeDefKind.Label> labels(List<Label> labels, String what, String owner, SourceFile file) {
            Set<String> seen = new HashSet<>();
            List<TypeDefKind.Label> out = new ArrayList<>();
            for (Label l : labels) {
                unique(seen, l.name(), what, owner, file, l.offset());
                out.add(new TypeDefKind.Label(l.name(), l.docs()));
            }
            return out;
        }

        private void unique(Set<String> seen, String name, String what, String owner, SourceFile file, int offset) {
            if (!seen.add(fold(name))) {
                throw file.error(offset, what + " `" + name + "` is defined more than once in `" + owner + "`",
                        "names are case-insensitive");
            }
        }

        /** Converts a written type; a bare resource name is an owned handle except as the whole target of an alias. */
        private WitType type(TypeExpr e, Scope scope, boolean aliasTarget) {
            SourceFile file = scope.file;
            if (e instanceof PrimitiveExpr p) return WitType.Primitive.ofKeyword(p.keyword());
            if (e instanceof NameExpr n) {
                int id = scope.lookup(n.name(), n.offset());
                return !aliasTarget && isResource(id, scope) ? new HandleType(false, id) : new TypeRef(id);
            }
            if (e instanceof ListExpr l) {
                return l.length() == null ? new WitType.ListType(type(l.element(), scope, false))
                        : new WitType.FixedListType(type(l.element(), scope, false), l.length());
            }
            if (e instanceof MapExpr m) {
                WitType key = type(m.key(), scope, false);
                if (!(key instanceof WitType.Primitive p) || p == WitType.Primitive.F32 || p == WitType.Primitive.F64) {
                    throw file.error(m.key().offset(), "map keys must be an integer, `bool`, `char` or `string`", null);
                }
                return new WitType.MapType(key, type(m.value(), scope, false));
            }
            if (e instanceof OptionExpr o) return new WitType.OptionType(type(o.some(), scope, false));
            if (e instanceof ResultExpr r) {
                return new WitType.ResultType(r.ok() == null ? null : type(r.ok(), scope, false),
                        r.err() == null ? null : type(r.err(), scope, false));
            }
            if (e instanceof TupleExpr t) {
                List<WitType> types = new ArrayList<>();
                for (TypeExpr x : t.types()) types.add(type(x, scope, false));
                return new WitType.TupleType(types);
            }
            if (e instanceof HandleExpr h) {
                int id = scope.lookup(h.resource(), h.resourceOffset());
                if (!isResource(id, scope)) {
                    throw file.error(h.resourceOffset(), "`" + h.resource() + "` is not a resource",
                            "`" + (h.borrow() ? "borrow" : "own") + "<...>` takes a resource type");
                }
                return new HandleType(h.borrow(), id);
            }
            if (e instanceof FutureExpr f) return new WitType.FutureType(f.payload() == null ? null : type(f.payload(), scope, false));
            if (e instanceof StreamExpr st) return new WitType.StreamType(st.payload() == null ? null : type(st.payload(), scope, false));
            return new WitType.ErrorContextType();
        }

        /** Whether a type id names a resource, following aliases, also through definitions not yet resolved. */
        private boolean isResource(int typeId, Scope scope) {
            int id = typeId;
            for (int guard = 0; guard <= resolve.types.size(); guard++) {
                TypeDef def = resolve.type(id);
                if (def.kind() != null) {
                    if (def.kind() instanceof TypeDefKind.ResourceDef) return true;
                    if (def.kind() instanceof TypeDefKind.AliasDef a && a.target() instanceof TypeRef r) {
                        id = r.id();
                        continue;
                    }
                    return false;
                }
                TypeDecl decl = scope.pending.get(id);
                if (decl instanceof ResourceDecl) return true;
                if (decl instanceof AliasDecl a && a.target() instanceof NameExpr n && scope.types.containsKey(n.name())) {
                    id = scope.types.get(n.name());
                    continue;
                }
                return false;
            }
            return false;
        }

        /**
         * Items left out by a disabled feature are not in the model, but the names they use must still exist (in the
         * scope, gated or not), as wasm-tools also checks them.
         */
        private void checkDisabledMembers(Scope scope) {
            for (Object m : scope.disabledMembers) {
                if (m instanceof FuncDecl f) checkNames(f.sig(), scope);
                if (m instanceof ExternDecl e && e.extern() instanceof ExternFunc f) checkNames(f.sig(), scope);
                if (m instanceof RecordDecl r) r.fields().forEach(f -> checkNames(f.type(), scope));
                if (m instanceof VariantDecl v) v.cases().forEach(c -> { if (c.type() != null) checkNames(c.type(), scope); });
                if (m instanceof AliasDecl a) checkNames(a.target(), scope);
                if (m instanceof ResourceDecl r) r.funcs().forEach(f -> checkNames(f.sig(), scope));
                if (m instanceof UseDecl u) checkUse(u, scope.file);
                if (m instanceof IncludeDecl inc) checkPath(inc.path(), scope.file);
                if (m instanceof ExternDecl e && e.extern() instanceof ExternPath p) checkPath(p.path(), scope.file);
                if (m instanceof ExternDecl e && e.extern() instanceof ExternNamedPath p) checkPath(p.path(), scope.file);
            }
        }

        /**
         * A disabled {@code use} must still name an interface that exists and, when that interface is itself
         * enabled, types it defines.
         */
        private void checkUse(UseDecl u, SourceFile file) {
            checkPath(u.from(), file);
            if (u.from() instanceof LocalPath local && !items.containsKey(local.name())
                    && !fileUses.getOrDefault(file, Map.of()).containsKey(local.name())) {
                return; // the interface is left out too
            }
            WitInterface from = resolve.iface(interfaceOf(u.from(), file));
            for (UseName n : u.names()) {
                if (!from.types().containsKey(n.name())) {
                    throw file.error(n.offset(), "type `" + n.name() + "` does not exist in interface `" + from.name() + "`",
                            hintAmong(n.name(), from.types().keySet(), null));
                }
            }
        }

        /** A local interface or world name used by a disabled item must still be defined (gated or not). */
        private void checkPath(UsePath path, SourceFile file) {
            if (!(path instanceof LocalPath local)) return;
            String name = local.name();
            if (items.containsKey(name) || disabled.containsKey(name) || fileUses.getOrDefault(file, Map.of()).containsKey(name)) return;
            Set<String> candidates = new LinkedHashSet<>(items.keySet());
            candidates.addAll(disabled.keySet());
            throw file.error(local.offset(), "interface or world `" + name + "` does not exist", hintAmong(name, candidates, null));
        }

        private void checkNames(FuncSig sig, Scope scope) {
            for (Param p : sig.params()) checkNames(p.type(), scope);
            if (sig.result() != null) checkNames(sig.result(), scope);
        }

        private void checkNames(TypeExpr e, Scope scope) {
            if (e instanceof NameExpr n) {
                if (!scope.disabled.containsKey(n.name())) scope.lookup(n.name(), n.offset());
            } else if (e instanceof HandleExpr h) {
                if (!scope.disabled.containsKey(h.resource())) scope.lookup(h.resource(), h.resourceOffset());
            } else if (e instanceof ListExpr l) {
                checkNames(l.element(), scope);
            } else if (e instanceof MapExpr m) {
                checkNames(m.key(), scope);
                checkNames(m.value(), scope);
            } else if (e instanceof OptionExpr o) {
                checkNames(o.some(), scope);
            } else if (e instanceof ResultExpr r) {
                if (r.ok() != null) checkNames(r.ok(), scope);
                if (r.err() != null) checkNames(r.err(), scope);
            } else if (e instanceof TupleExpr t) {
                t.types().forEach(x -> checkNames(x, scope));
            } else if (e instanceof FutureExpr f && f.payload() != null) {
                checkNames(f.payload(), scope);
            } else if (e instanceof StreamExpr st && st.payload() != null) {
                checkNames(st.payload(), scope);
            }
        }

        /** Rejects cycles among the scope's types, records their topological order, and checks function results. */
        private void validateScope(Scope scope, int first, int end, Iterable<WitFunction> functions) {
            for (int id : topologicalOrder(first, end)) {
                resolve.topologicalTypes.add(id);
                containsBorrow.set(id, kindContainsBorrow(resolve.type(id).kind()));
            }
            for (WitFunction f : functions) {
                if (f.result() != null && typeContainsBorrow(f.result())) {
                    throw scope.file.error(scope.functionOffset(f), "function `" + f.name() + "` returns a borrowed handle",
                            "`borrow<T>` may only appear in parameters; return an owned handle instead");
                }
            }
        }

        private List<Integer> topologicalOrder(int first, int end) {
            List<Integer> order = new ArrayList<>();
            int[] state = new int[end - first]; // 0 new, 1 on stack, 2 done
            for (int start = first; start < end; start++) {
                if (state[start - first] != 0) continue;
                Deque<int[]> stack = new ArrayDeque<>();
                Deque<List<Integer>> edges = new ArrayDeque<>();
                stack.push(new int[]{start, 0});
                edges.push(localRefs(start, first, end));
                state[start - first] = 1;
                while (!stack.isEmpty()) {
                    int[] top = stack.peek();
                    List<Integer> out = edges.peek();
                    if (top[1] < out.size()) {
                        int next = out.get(top[1]++);
                        if (state[next - first] == 1) throw typeCycle(next, top[0]);
                        if (state[next - first] == 0) {
                            state[next - first] = 1;
                            stack.push(new int[]{next, 0});
                            edges.push(localRefs(next, first, end));
                        }
                    } else {
                        state[top[0] - first] = 2;
                        order.add(top[0]);
                        stack.pop();
                        edges.pop();
                    }
                }
            }
            return order;
        }

        private PipelineException typeCycle(int target, int from) {
            TypeDef t = resolve.type(target);
            Site site = typeSites.get(target);
            String message = target == from ? "type `" + t.name() + "` refers to itself"
                    : "type `" + t.name() + "` depends on itself through `" + resolve.type(from).name() + "`";
            return site.file().error(site.offset(), message, "types may not be recursive");
        }

        private List<Integer> localRefs(int id, int first, int end) {
            List<Integer> refs = new ArrayList<>();
            collectRefs(resolve.type(id).kind(), refs);
            refs.removeIf(r -> r < first || r >= end);
            return refs;
        }

        private void collectRefs(TypeDefKind kind, List<Integer> out) {
            if (kind instanceof TypeDefKind.RecordDef r) r.fields().forEach(f -> collectRefs(f.type(), out));
            if (kind instanceof TypeDefKind.VariantDef v) v.cases().forEach(c -> { if (c.type() != null) collectRefs(c.type(), out); });
            if (kind instanceof TypeDefKind.AliasDef a) collectRefs(a.target(), out);
        }

        private void collectRefs(WitType t, List<Integer> out) {
            WitTypes.forEachChild(t, c -> collectRefs(c, out));
            if (t instanceof TypeRef r) out.add(r.id());
            if (t instanceof HandleType h) out.add(h.resource());
        }

        private boolean kindContainsBorrow(TypeDefKind kind) {
            if (kind instanceof TypeDefKind.RecordDef r) return r.fields().stream().anyMatch(f -> typeContainsBorrow(f.type()));
            if (kind instanceof TypeDefKind.VariantDef v) return v.cases().stream().anyMatch(c -> c.type() != null && typeContainsBorrow(c.type()));
            if (kind instanceof TypeDefKind.AliasDef a) return typeContainsBorrow(a.target());
            return false;
        }

        private boolean typeContainsBorrow(WitType t) {
            if (t instanceof HandleType h) return h.borrow();
            if (t instanceof TypeRef r) return containsBorrow.get(r.id());
            boolean[] found = {false};
            WitTypes.forEachChild(t, c -> found[0] |= typeContainsBorrow(c));
            return found[0];
        }

        // ---- worlds

        private int resolveWorld(WorldDecl decl, SourceFile file) {
            Scope scope = new Scope(file);
            List<WorldMember> members = new ArrayList<>();
            for (WorldMember m : decl.members()) {
                Gate gate = gateOf(m);
                if (enabled(gate)) members.add(m);
                else if (m instanceof UseDecl u && (!u.names().isEmpty()
                        || u.from() instanceof LocalPath lp && disabled.containsKey(lp.name()))) {
                    throw file.error(u.offset(), "this `use` is gated by feature `" + gate.unstableFeature()
                            + "`, which is not enabled, and world `" + decl.name() + "` cannot leave out the types it uses",
                            "enable the feature, or move the gated `use` into an interface");
                } else {
                    for (String n : namesOf(m)) scope.disabled.put(n, gate.unstableFeature());
                    scope.disabledMembers.add(m);
                }
            }
            Map<UseDecl, Integer> useSources = new HashMap<>();
            Map<Object, Integer> externInterfaces = new HashMap<>();
            Map<IncludeDecl, Integer> includes = new LinkedHashMap<>();
            for (WorldMember m : members) {
                if (m instanceof UseDecl u) useSources.put(u, interfaceOf(u.from(), file));
                if (m instanceof IncludeDecl inc) includes.put(inc, worldOf(inc.path(), file));
                if (m instanceof ExternDecl e && e.extern() instanceof ExternPath p) externInterfaces.put(e, interfaceOf(p.path(), file));
                if (m instanceof ExternDecl e && e.extern() instanceof ExternNamedPath p) externInterfaces.put(e, interfaceOf(p.path(), file));
            }
            WitWorld world = new WitWorld(resolve.worlds.size(), decl.name(), pkg.id(), decl.docs(),
                    stability(decl.gate(), file, src.name));
            resolve.worlds.add(world);
            TypeOwner owner = new TypeOwner.OfWorld(world.id());
            int firstType = resolve.types.size();
            Map<Object, List<Integer>> typesOf = new HashMap<>();
            for (WorldMember m : members) {
                if (m instanceof UseDecl u) typesOf.put(u, useTypes(u, useSources.get(u), scope, owner));
            }
            List<TypeDecl> typeDecls = new ArrayList<>();
            for (WorldMember m : members) if (m instanceof TypeDecl t) typeDecls.add(t);
            List<Integer> declared = declareTypes(typeDecls, scope, owner);
            for (int i = 0; i < typeDecls.size(); i++) typesOf.put(typeDecls.get(i), List.of(declared.get(i)));
            defineTypes(scope);
            checkDisabledMembers(scope);
            int endType = resolve.types.size();
            List<WitFunction> functions = new ArrayList<>();
            for (WorldMember m : members) {
                if (m instanceof UseDecl u) {
                    for (int id : typesOf.get(u)) {
                        put(world.imports, resolve.type(id).name(), new WorldItem.TypeItem(id, resolve.type(id).stability()), file, u.offset(), "import");
                    }
                } else if (m instanceof TypeDecl t) {
                    int id = typesOf.get(t).get(0);
                    put(world.imports, t.name(), new WorldItem.TypeItem(id, resolve.type(id).stability()), file, t.offset(), "import");
                    if (t instanceof ResourceDecl r) {
                        Map<String, WitFunction> resourceFns = new LinkedHashMap<>();
                        resourceFunctions(r, scope, resourceFns, new HashSet<>());
                        for (Map.Entry<String, WitFunction> f : resourceFns.entrySet()) {
                            functions.add(f.getValue());
                            put(world.imports, f.getKey(), new WorldItem.FunctionItem(f.getValue()), file, r.offset(), "import");
                        }
                    }
                } else if (m instanceof ExternDecl e) {
                    Map<String, WorldItem> into = e.isImport() ? world.imports : world.exports;
                    String kind = e.isImport() ? "import" : "export";
                    Stability stab = stability(e.gate(), file, src.name);
                    Extern ex = e.extern();
                    if (ex instanceof ExternPath) {
                        int id = externInterfaces.get(e);
                        put(into, resolve.interfaceName(id), new WorldItem.InterfaceItem(id, null, e.docs(), stab), file, e.offset(), kind);
                    } else if (ex instanceof ExternNamedPath p) {
                        int id = externInterfaces.get(e);
                        put(into, p.name(), new WorldItem.InterfaceItem(id, p.name(), e.docs(), stab), file, p.nameOffset(), kind);
                    } else if (ex instanceof ExternFunc f) {
                        if (scope.types.containsKey(f.name()) && e.isImport()) {
                            throw file.error(f.nameOffset(), "`" + f.name() + "` is already defined as a type", null);
                        }
                        WitFunction fn = function(f.name(), WitFunction.Kind.FREESTANDING, -1, f.sig(), e.docs(), stab, scope, f.nameOffset());
                        scope.functionOffsets.put(fn, f.nameOffset());
                        functions.add(fn);
                        put(into, f.name(), new WorldItem.FunctionItem(fn), file, f.nameOffset(), kind);
                    } else if (ex instanceof ExternInline inline) {
                        int id = resolveInterface(null, inline.members(), file, e.docs(), stab, world.id());
                        put(into, inline.name(), new WorldItem.InterfaceItem(id, inline.name(), e.docs(), stab), file, inline.nameOffset(), kind);
                    }
                }
            }
            validateScope(scope, firstType, endType, functions);
            for (Map.Entry<IncludeDecl, Integer> inc : includes.entrySet()) include(world, inc.getKey(), resolve.world(inc.getValue()), file);
            WorldElaboration.elaborate(resolve, world, message -> file.error(decl.offset(), message,
                    "export the interfaces it depends on as well, or import the exported one"));
            return world.id();
        }

        private void put(Map<String, WorldItem> into, String key, WorldItem item, SourceFile file, int offset, String kind) {
            String previous = sameIgnoringCase(into.keySet(), key);
            if (previous != null) {
                throw file.error(offset, kind + " `" + key + "` is defined more than once in this world",
                        previous.equals(key) ? "each " + kind + " name must be unique"
                                : "it clashes with `" + previous + "`: names are case-insensitive");
            }
            into.put(key, item);
        }

        private void include(WitWorld world, IncludeDecl inc, WitWorld from, SourceFile file) {
            Map<String, String> renames = new LinkedHashMap<>();
            for (IncludeRename r : inc.renames()) {
                if (renames.put(r.from(), r.to()) != null) throw file.error(r.offset(), "`" + r.from() + "` is renamed twice", null);
                boolean known = isPlainName(from.imports.get(r.from())) || isPlainName(from.exports.get(r.from()));
                if (!known) {
                    Set<String> names = new LinkedHashSet<>();
                    from.imports.forEach((k, v) -> { if (isPlainName(v)) names.add(k); });
                    from.exports.forEach((k, v) -> { if (isPlainName(v)) names.add(k); });
                    throw file.error(r.offset(), "world `" + from.name() + "` has no import or export named `" + r.from() + "`",
                            hintAmong(r.from(), names, null));
                }
            }
            Map<Integer, Integer> copies = copyWorldTypes(world, from, renames);
            mergeInto(world.imports, adopt(from.imports, copies), renames, file, inc.offset(), "import");
            mergeInto(world.exports, adopt(from.exports, copies), renames, file, inc.offset(), "export");
        }

        /**
         * Copies the types an included world defines (or brings in with {@code use}) into the including world, so
         * that every world owns its types; returns old id to copy id.
         */
        private Map<Integer, Integer> copyWorldTypes(WitWorld world, WitWorld from, Map<String, String> renames) {
            Map<Integer, Integer> copies = new LinkedHashMap<>();
            for (Map.Entry<String, WorldItem> e : from.imports.entrySet()) {
                if (!(e.getValue() instanceof WorldItem.TypeItem t)) continue;
                TypeDef old = resolve.type(t.typeId());
                Site site = typeSites.get(old.id());
                TypeDef copy = newType(renames.getOrDefault(e.getKey(), old.name()), new TypeOwner.OfWorld(world.id()),
                        old.docs(), old.stability(), site.file(), site.offset());
                copies.put(old.id(), copy.id());
            }
            for (Map.Entry<Integer, Integer> c : copies.entrySet()) {
                resolve.type(c.getValue()).setKind(remap(resolve.type(c.getKey()).kind(), copies));
            }
            List<Integer> order = new ArrayList<>();
            for (int id : resolve.topologicalTypes) if (copies.containsKey(id)) order.add(id);
            for (int id : order) {
                resolve.topologicalTypes.add(copies.get(id));
                containsBorrow.set(copies.get(id), containsBorrow.get(id));
            }
            return copies;
        }

        /** The items with types and functions pointing at the including world's copies of the types. */
        private Map<String, WorldItem> adopt(Map<String, WorldItem> items, Map<Integer, Integer> copies) {
            if (copies.isEmpty()) return items;
            Map<String, WorldItem> out = new LinkedHashMap<>();
            items.forEach((k, v) -> {
                if (v instanceof WorldItem.TypeItem t) {
                    out.put(k, new WorldItem.TypeItem(copies.getOrDefault(t.typeId(), t.typeId()), t.stability()));
                } else if (v instanceof WorldItem.FunctionItem f) {
                    WitFunction fn = f.function();
                    List<WitFunction.Param> params = new ArrayList<>();
                    for (WitFunction.Param p : fn.params()) params.add(new WitFunction.Param(p.name(), WitTypes.remap(p.type(), copies)));
                    out.put(k, new WorldItem.FunctionItem(new WitFunction(fn.name(), fn.kind(),
                            copies.getOrDefault(fn.resource(), fn.resource()), fn.async(), params,
                            fn.result() == null ? null : WitTypes.remap(fn.result(), copies), fn.docs(), fn.stability())));
                } else {
                    out.put(k, v);
                }
            });
            return out;
        }

        private TypeDefKind remap(TypeDefKind kind, Map<Integer, Integer> copies) {
            if (kind instanceof TypeDefKind.RecordDef r) {
                List<TypeDefKind.Field> fields = new ArrayList<>();
                for (TypeDefKind.Field f : r.fields()) fields.add(new TypeDefKind.Field(f.name(), WitTypes.remap(f.type(), copies), f.docs()));
                return new TypeDefKind.RecordDef(fields);
            }
            if (kind instanceof TypeDefKind.VariantDef v) {
                List<TypeDefKind.Case> cases = new ArrayList<>();
                for (TypeDefKind.Case c : v.cases()) {
                    cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : WitTypes.remap(c.type(), copies), c.docs()));
                }
                return new TypeDefKind.VariantDef(cases);
            }
            if (kind instanceof TypeDefKind.AliasDef a) return new TypeDefKind.AliasDef(WitTypes.remap(a.target(), copies));
            return kind;
        }

        private boolean isPlainName(WorldItem item) {
            return item instanceof WorldItem.FunctionItem || item instanceof WorldItem.TypeItem
                    || (item instanceof WorldItem.InterfaceItem i && i.plainName() != null);
        }

        private void mergeInto(Map<String, WorldItem> into, Map<String, WorldItem> from, Map<String, String> renames,
                               SourceFile file, int offset, String kind) {
            for (Map.Entry<String, WorldItem> e : from.entrySet()) {
                String key = e.getKey();
                WorldItem item = e.getValue();
                if (isPlainName(item) && renames.containsKey(key)) {
                    key = renames.get(key);
                    item = renamed(item, key);
                }
                WorldItem existing = into.get(key);
                String clash = existing == null ? sameIgnoringCase(into.keySet(), key) : null;
                if (clash != null) {
                    throw file.error(offset, kind + " `" + key + "` of the included world clashes with " + kind + " `" + clash
                            + "`: names are case-insensitive", "rename it with `include ... with { " + key + " as new-name }`");
                }
                if (existing == null) {
                    into.put(key, item);
                } else if (isPlainName(item) && !(item instanceof WorldItem.TypeItem) || !sameItem(existing, item)) {
                    throw file.error(offset, kind + " `" + key + "` of the included world conflicts with an " + kind
                            + " of the same name", "rename it with `include ... with { " + key + " as new-name }`");
                }
            }
        }

        private WorldItem renamed(WorldItem item, String name) {
            if (item instanceof WorldItem.FunctionItem f) {
                WitFunction fn = f.function();
                return new WorldItem.FunctionItem(new WitFunction(name, fn.kind(), fn.resource(), fn.async(), fn.params(),
                        fn.result(), fn.docs(), fn.stability()));
            }
            if (item instanceof WorldItem.InterfaceItem i) return new WorldItem.InterfaceItem(i.interfaceId(), name, i.docs(), i.stability());
            return item;
        }

        private boolean sameItem(WorldItem a, WorldItem b) {
            if (a instanceof WorldItem.InterfaceItem x && b instanceof WorldItem.InterfaceItem y) return x.interfaceId() == y.interfaceId();
            if (a instanceof WorldItem.TypeItem x && b instanceof WorldItem.TypeItem y) {
                return resolve.dealiasDef(x.typeId()).id() == resolve.dealiasDef(y.typeId()).id();
            }
            return a.equals(b);
        }

    }

    /** The gate of an interface or world member. */

    private static Gate gateOf(Object member) {
        if (member instanceof UseDecl u) return u.gate();
        if (member instanceof TypeDecl t) return t.gate();
        if (member instanceof FuncDecl f) return f.gate();
        if (member instanceof ExternDecl e) return e.gate();
        if (member instanceof IncludeDecl i) return i.gate();
        return Gate.NONE;
    }

    /** The names a member defines (for "gated by feature" hints). */
    private static List<String> namesOf(Object member) {
        if (member instanceof UseDecl u) return u.names().stream().map(UseName::localName).toList();
        if (member instanceof TypeDecl t) return List.of(t.name());
        if (member instanceof FuncDecl f) return List.of(f.name());
        return List.of();
    }

    /** Something parsed, with the file it came from. */
    private record Located<T>(T item, SourceFile file) {}

    /** The type names visible in one interface or world while it is resolved. */
    private final class Scope {
        final SourceFile file;
        final Map<String, Integer> types = new LinkedHashMap<>();
        /** Lowercased type names to the names as written, for case-insensitive clashes. */
        final Map<String, String> folded = new HashMap<>();
        final Map<String, String> disabled = new HashMap<>();
        final Map<Integer, TypeDecl> pending = new LinkedHashMap<>();
        final Map<WitFunction, Integer> functionOffsets = new HashMap<>();
        final List<Object> disabledMembers = new ArrayList<>();

        Scope(SourceFile file) {
            this.file = file;
        }

        void define(String name, int id, int offset) {
            String previous = folded.putIfAbsent(fold(name), name);
            if (previous != null) {
                throw file.error(offset, "type `" + name + "` is defined more than once",
                        previous.equals(name) ? null : "it clashes with `" + previous + "`: names are case-insensitive");
            }
            types.put(name, id);
        }

        int lookup(String name, int offset) {
            Integer id = types.get(name);
            if (id != null) return id;
            String extra = disabled.containsKey(name) ? featureHint(disabled.get(name)) : null;
            Set<String> candidates = new LinkedHashSet<>(types.keySet());
            candidates.addAll(disabled.keySet());
            for (WitType.Primitive p : WitType.Primitive.values()) candidates.add(p.wit());
            throw file.error(offset, "type `" + name + "` does not exist", hintAmong(name, candidates, extra));
        }

        int functionOffset(WitFunction f) {
            return functionOffsets.getOrDefault(f, 0);
        }
    }

    /** A name lowercased: kebab-case names are case-insensitive in the component model. */
    private static String fold(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /** The name among {@code names} equal to {@code name} ignoring case, or null. */
    private static String sameIgnoringCase(java.util.Collection<String> names, String name) {
        for (String n : names) if (n.equalsIgnoreCase(name)) return n;
        return null;
    }

    private static String hintAmong(String wrong, java.util.Collection<String> candidates, String extra) {
        String dym = Suggestions.didYouMean(wrong, candidates);
        if (extra != null && dym != null) return extra + "; " + dym;
        return extra != null ? extra : dym;
    }
}
