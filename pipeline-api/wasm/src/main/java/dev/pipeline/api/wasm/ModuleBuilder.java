package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds or extends a core module without index bookkeeping: every import or definition returns a {@link Ref}
 * whose final index is known only at {@link #build()}. Imports added to a module that already defines functions or
 * globals shift those definitions; existing code is rewritten with {@link IndexRemapper} so callers never renumber.
 */
public final class ModuleBuilder {

    /** A handle to a function, table, memory or global; {@link #index()} is valid after {@link #build()}. */
    public static final class Ref {
        private final ExternalKind kind;
        private final boolean imported;
        private final int ordinal;
        private final ModuleBuilder owner;

        private Ref(ModuleBuilder owner, ExternalKind kind, boolean imported, int ordinal) {
            this.owner = owner;
            this.kind = kind;
            this.imported = imported;
            this.ordinal = ordinal;
        }

        public ExternalKind kind() { return kind; }

        /** The index in the built module's index space of this kind. */
        public int index() {
            if (!owner.built) throw new IllegalStateException("index is known only after build()");
            return owner.resolve(this);
        }
    }

    private final Module module;
    private final int baseImported[] = new int[ExternalKind.values().length];
    private final int baseDefined[] = new int[ExternalKind.values().length];
    private final List<Import> newImports = new ArrayList<>();
    private final int[] newImportCounts = new int[ExternalKind.values().length];
    private final Map<Ref, CodeBuilder> pendingBodies = new LinkedHashMap<>();
    private final List<Runnable> finishers = new ArrayList<>();
    private int newDefinedFunctions;
    private int newDefinedGlobals;
    private boolean built;

    /** A builder for a new, empty module. */
    public ModuleBuilder() { this(new Module()); }

    /** A builder that extends {@code existing} (which it takes over and modifies in place). */
    public ModuleBuilder(Module existing) {
        this.module = existing;
        for (ExternalKind k : ExternalKind.values()) {
            baseImported[k.ordinal()] = existing.importCount(k);
            baseDefined[k.ordinal()] = existing.count(k) - baseImported[k.ordinal()];
        }
    }

    /** The module being built (its imports are appended only at {@link #build()}). */
    public Module module() { return module; }

    /** A handle to an item the module had before this builder touched it, by its original index. */
    public Ref existing(ExternalKind kind, int index) {
        int imported = baseImported[kind.ordinal()];
        if (index < 0 || index >= imported + baseDefined[kind.ordinal()]) {
            throw new PipelineException("no " + kind.text() + " " + index + " in the module");
        }
        return index < imported ? new Ref(this, kind, true, index) : new Ref(this, kind, false, index - imported);
    }

    /** A handle to the item the module exports as {@code name}. */
    public Ref exported(String name) {
        Export e = module.export(name).orElseThrow(() -> new PipelineException("the module exports no `" + name + "`"));
        return existing(e.kind(), e.index());
    }

    public int type(FuncType type) { return module.internType(type); }

    public Ref importFunction(String moduleName, String name, FuncType type) {
        return addImport(Import.func(moduleName, name, type(type)));
    }

    public Ref importMemory(String moduleName, String name, Limits limits) {
        return addImport(Import.memory(moduleName, name, limits));
    }

    public Ref importTable(String moduleName, String name, TableType table) {
        return addImport(Import.table(moduleName, name, table));
    }

    public Ref importGlobal(String moduleName, String name, GlobalType global) {
        return addImport(Import.global(moduleName, name, global));
    }

    private Ref addImport(Import imp) {
        checkOpen();
        int k = imp.kind().ordinal();
        if ((imp.kind() == ExternalKind.TABLE || imp.kind() == ExternalKind.MEMORY || imp.kind() == ExternalKind.TAG)
                && baseDefined[k] > 0) {
            throw new PipelineException("cannot import a " + imp.kind().text() + " into a module that defines "
                    + imp.kind().text() + "s");
        }
        newImports.add(imp);
        return new Ref(this, imp.kind(), true, baseImported[k] + newImportCounts[k]++);
    }

    /** Defines a function whose body {@code code} writes (locals first via {@link CodeBuilder#locals}). */
    public Ref function(FuncType type, Consumer<CodeBuilder> code) {
        checkOpen();
        int typeIndex = type(type);
        module.functions.add(typeIndex);
        module.code.add(null);
        Ref ref = new Ref(this, ExternalKind.FUNC, false, baseDefined[ExternalKind.FUNC.ordinal()] + newDefinedFunctions++);
        CodeBuilder cb = new CodeBuilder();
        code.accept(cb);
        pendingBodies.put(ref, cb);
        return ref;
    }

    public Ref global(GlobalType type, byte[] init) {
        checkOpen();
        module.globals.add(new Global(type, init));
        return new Ref(this, ExternalKind.GLOBAL, false, baseDefined[ExternalKind.GLOBAL.ordinal()] + newDefinedGlobals++);
    }

    public Ref table(TableType table) {
        checkOpen();
        module.tables.add(table);
        return new Ref(this, ExternalKind.TABLE, false, module.tables.size() - 1);
    }

    public Ref memory(Limits limits) {
        checkOpen();
        module.memories.add(limits);
        return new Ref(this, ExternalKind.MEMORY, false, module.memories.size() - 1);
    }

    public ModuleBuilder export(String name, Ref ref) {
        finishers.add(() -> module.exports.add(new Export(name, ref.kind(), ref.index())));
        return this;
    }

    /** An active element segment placing {@code functions} into {@code table} from {@code offset}. */
    public ModuleBuilder elements(Ref table, int offset, List<Ref> functions) {
        finishers.add(() -> {
            int[] idx = functions.stream().mapToInt(Ref::index).toArray();
            int t = table.index();
            module.elements.add(t == 0 ? ElementSegment.activeFunctions(ConstExpr.i32(offset), idx)
                    : new ElementSegment(2, t, ConstExpr.i32(offset), ValType.FUNCREF, 0, idx, null));
        });
        return this;
    }

    /** Declares functions for {@code ref.func} (a declarative element segment). */
    public ModuleBuilder declare(List<Ref> functions) {
        finishers.add(() -> module.elements.add(ElementSegment.declaredFunctions(
                functions.stream().mapToInt(Ref::index).toArray())));
        return this;
    }

    public ModuleBuilder data(DataSegment segment) {
        checkOpen();
        module.data.add(segment);
        // passive segments are used by memory.init/data.drop, which need the data count section
        if (module.dataCount != null || !segment.isActive()) module.dataCount = module.data.size();
        return this;
    }

    public ModuleBuilder start(Ref function) {
        finishers.add(() -> module.start = function.index());
        return this;
    }

    /** Adds a custom section at the end of the module. */
    public ModuleBuilder custom(String name, byte[] data) {
        checkOpen();
        module.customSections.add(new CustomSection(name, data, SectionId.DATA));
        return this;
    }

    private void checkOpen() {
        if (built) throw new IllegalStateException("the module was already built");
    }

    private int resolve(Ref r) {
        int k = r.kind().ordinal();
        if (r.imported) return r.ordinal;
        return baseImported[k] + newImportCounts[k] + r.ordinal;
    }

    /** Inserts the new imports, rewrites shifted indices, writes pending bodies and returns the module. */
    public Module build() {
        checkOpen();
        int shiftF = newImportCounts[ExternalKind.FUNC.ordinal()];
        int shiftG = newImportCounts[ExternalKind.GLOBAL.ordinal()];
        int baseF = baseImported[ExternalKind.FUNC.ordinal()];
        int baseG = baseImported[ExternalKind.GLOBAL.ordinal()];
        if ((shiftF > 0 && baseDefined[ExternalKind.FUNC.ordinal()] > 0)
                || (shiftG > 0 && baseDefined[ExternalKind.GLOBAL.ordinal()] > 0)) {
            new IndexRemapper(i -> i < baseF ? i : i + shiftF, i -> i < baseG ? i : i + shiftG).apply(module);
        }
        // imports go after the existing ones of their kind; appending keeps each kind's order
        module.imports.addAll(newImports);
        built = true;
        int firstNewBody = module.code.size() - newDefinedFunctions;
        int i = 0;
        for (CodeBuilder cb : pendingBodies.values()) module.code.set(firstNewBody + i++, cb.toBody());
        for (Runnable r : finishers) r.run();
        return module;
    }

    /** Builds and encodes. */
    public byte[] toBytes() { return ModuleWriter.write(build()); }
}
