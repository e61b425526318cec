package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A core WebAssembly module as plain, mutable lists of its parts, in binary order. Function bodies stay raw bytes;
 * custom sections remember where they were. {@link ModuleReader} fills one in, {@link ModuleWriter} writes it out,
 * {@link ModuleBuilder} makes new ones without index bookkeeping.
 */
public final class Module {
    public final List<FuncType> types = new ArrayList<>();
    public final List<Import> imports = new ArrayList<>();
    /** Type index of each defined function (the function section). */
    public final List<Integer> functions = new ArrayList<>();
    public final List<TableType> tables = new ArrayList<>();
    public final List<Limits> memories = new ArrayList<>();
    /** Type index of each defined tag (exception handling). */
    public final List<Integer> tags = new ArrayList<>();
    public final List<Global> globals = new ArrayList<>();
    public final List<Export> exports = new ArrayList<>();
    public Integer start;
    public final List<ElementSegment> elements = new ArrayList<>();
    public Integer dataCount;
    public final List<FunctionBody> code = new ArrayList<>();
    /** File offset of each body as read (for error messages); empty for modules that were built, not read. */
    public final List<Integer> bodyOffsets = new ArrayList<>();
    public final List<DataSegment> data = new ArrayList<>();
    public final List<CustomSection> customSections = new ArrayList<>();
    /** Known sections that were present in the input even when empty; the writer emits these (and non-empty ones). */
    public final Set<SectionId> presentSections = EnumSet.noneOf(SectionId.class);

    public int importCount(ExternalKind kind) {
        int n = 0;
        for (Import i : imports) if (i.kind() == kind) n++;
        return n;
    }

    /** Imported plus defined functions. */
    public int functionCount() { return importCount(ExternalKind.FUNC) + functions.size(); }

    public int tableCount() { return importCount(ExternalKind.TABLE) + tables.size(); }

    public int memoryCount() { return importCount(ExternalKind.MEMORY) + memories.size(); }

    public int globalCount() { return importCount(ExternalKind.GLOBAL) + globals.size(); }

    public int tagCount() { return importCount(ExternalKind.TAG) + tags.size(); }

    public int count(ExternalKind kind) {
        return switch (kind) {
            case FUNC -> functionCount();
            case TABLE -> tableCount();
            case MEMORY -> memoryCount();
            case GLOBAL -> globalCount();
            case TAG -> tagCount();
        };
    }

    /** The type of function {@code index} in the function index space (imports first). */
    public FuncType functionType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternalKind.FUNC) {
                if (imported == index) return types.get(i.typeIndex());
                imported++;
            }
        }
        return types.get(functions.get(index - imported));
    }

    /** The global type of global {@code index} (imports first). */
    public GlobalType globalType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternalKind.GLOBAL) {
                if (imported == index) return i.global();
                imported++;
            }
        }
        return globals.get(index - imported).type();
    }

    public Optional<Export> export(String name) {
        for (Export e : exports) if (e.name().equals(name)) return Optional.of(e);
        return Optional.empty();
    }

    public Optional<CustomSection> customSection(String name) {
        for (CustomSection c : customSections) if (c.name().equals(name)) return Optional.of(c);
        return Optional.empty();
    }

    /** Index of {@code type}, appending it to the type section when it is not there yet. */
    public int internType(FuncType type) {
        int i = types.indexOf(type);
        if (i >= 0) return i;
        types.add(type);
        return types.size() - 1;
    }
}
