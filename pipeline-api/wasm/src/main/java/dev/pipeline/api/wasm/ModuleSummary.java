package dev.pipeline.api.wasm;

import java.util.Locale;

/** A human-readable description of a core module: its sections with sizes, imports and exports. */
public final class ModuleSummary {
    private ModuleSummary() {}

    /** Describes {@code bytes} (a core module named {@code what}); the module is parsed, so errors are reported. */
    public static String describe(byte[] bytes, String what) {
        Module m = ModuleReader.read(bytes, what);
        StringBuilder out = new StringBuilder();
        out.append("core module ").append(what).append(" (").append(size(bytes.length)).append(")\n\n");
        out.append("sections:\n");
        WasmInput in = new WasmInput(bytes, what);
        in.skip(8);
        while (!in.atEnd()) {
            int id = in.u8();
            int len = in.count();
            int start = in.position();
            String name;
            if (id == 0) {
                WasmInput s = new WasmInput(bytes, start, start + len, what);
                name = "custom \"" + s.name() + "\"";
            } else {
                SectionId sid = SectionId.byId(id);
                name = sid == null ? "section " + id : sid.text();
            }
            out.append(String.format(Locale.ROOT, "  %-40s %10s%s%n", name, size(len), count(m, id)));
            in.skip(len);
        }
        out.append("\nimports (").append(m.imports.size()).append("):\n");
        for (Import i : m.imports) {
            out.append("  ").append(i.module()).append('.').append(i.name()).append(": ").append(describe(m, i)).append('\n');
        }
        out.append("\nexports (").append(m.exports.size()).append("):\n");
        for (Export e : m.exports) {
            out.append("  ").append(e.name()).append(": ").append(e.kind().text());
            if (e.kind() == ExternalKind.FUNC) out.append(' ').append(m.functionType(e.index()));
            else out.append(' ').append(e.index());
            out.append('\n');
        }
        return out.toString();
    }

    private static String describe(Module m, Import i) {
        return switch (i.kind()) {
            case FUNC -> "func " + m.types.get(i.typeIndex());
            case TABLE -> "table " + i.table().element() + " " + i.table().limits();
            case MEMORY -> "memory " + i.memory();
            case GLOBAL -> "global " + (i.global().mutable() ? "mut " : "") + i.global().type();
            case TAG -> "tag " + m.types.get(i.typeIndex());
        };
    }

    private static String count(Module m, int id) {
        int n = switch (id) {
            case 1 -> m.types.size();
            case 2 -> m.imports.size();
            case 3, 10 -> m.functions.size();
            case 4 -> m.tables.size();
            case 5 -> m.memories.size();
            case 6 -> m.globals.size();
            case 7 -> m.exports.size();
            case 9 -> m.elements.size();
            case 11 -> m.data.size();
            case 13 -> m.tags.size();
            default -> -1;
        };
        return n < 0 ? "" : "  (" + n + ")";
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 29.4 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

}
