package dev.pipeline.api.wasm;

import java.util.List;

/** Writes a {@link Module} as a binary; an unmodified module read by {@link ModuleReader} comes out byte-identical. */
public final class ModuleWriter {
    private ModuleWriter() {}

    public static byte[] write(Module m) {
        long estimate = 64;
        for (FunctionBody b : m.code) estimate += b.bytes().length + 5;
        for (DataSegment d : m.data) estimate += d.data().length + 16;
        for (CustomSection c : m.customSections) estimate += c.data().length + c.name().length() + 10;
        WasmOutput out = new WasmOutput((int) Math.min(Integer.MAX_VALUE - 16, estimate + 4096));
        out.bytes(ModuleReader.MAGIC).u8(1).u8(0).u8(0).u8(0);
        writeCustoms(out, m, null);
        for (SectionId sid : SectionId.values()) {
            WasmOutput body = section(m, sid);
            if (body != null) out.section(sid.id, body);
            writeCustoms(out, m, sid);
        }
        return out.toByteArray();
    }

    private static void writeCustoms(WasmOutput out, Module m, SectionId after) {
        for (CustomSection c : m.customSections) {
            if (c.after() == after) {
                WasmOutput body = new WasmOutput(c.data().length + c.name().length() + 5);
                body.name(c.name()).bytes(c.data());
                out.section(0, body);
            }
        }
    }

    private static WasmOutput section(Module m, SectionId sid) {
        boolean present = m.presentSections.contains(sid);
        WasmOutput b = new WasmOutput();
        switch (sid) {
            case TYPE -> {
                if (m.types.isEmpty() && !present) return null;
                b.u32(m.types.size());
                for (FuncType t : m.types) t.write(b);
            }
            case IMPORT -> {
                if (m.imports.isEmpty() && !present) return null;
                b.u32(m.imports.size());
                for (Import i : m.imports) i.write(b);
            }
            case FUNCTION -> {
                if (m.functions.isEmpty() && !present) return null;
                indices(b, m.functions);
            }
            case TABLE -> {
                if (m.tables.isEmpty() && !present) return null;
                b.u32(m.tables.size());
                for (TableType t : m.tables) t.write(b);
            }
            case MEMORY -> {
                if (m.memories.isEmpty() && !present) return null;
                b.u32(m.memories.size());
                for (Limits l : m.memories) l.write(b);
            }
            case TAG -> {
                if (m.tags.isEmpty() && !present) return null;
                b.u32(m.tags.size());
                for (int t : m.tags) b.u8(0).u32(t);
            }
            case GLOBAL -> {
                if (m.globals.isEmpty() && !present) return null;
                b.u32(m.globals.size());
                for (Global g : m.globals) g.write(b);
            }
            case EXPORT -> {
                if (m.exports.isEmpty() && !present) return null;
                b.u32(m.exports.size());
                for (Export e : m.exports) e.write(b);
            }
            case START -> {
                if (m.start == null) return null;
                b.u32(m.start);
            }
            case ELEMENT -> {
                if (m.elements.isEmpty() && !present) return null;
                b.u32(m.elements.size());
                for (ElementSegment e : m.elements) e.write(b);
            }
            case DATA_COUNT -> {
                if (m.dataCount == null) return null;
                b.u32(m.dataCount);
            }
            case CODE -> {
                if (m.code.isEmpty() && !present) return null;
                long total = 5;
                for (FunctionBody f : m.code) total += f.bytes().length + 5;
                b = new WasmOutput((int) Math.min(Integer.MAX_VALUE - 16, total));
                b.u32(m.code.size());
                for (FunctionBody f : m.code) b.u32(f.bytes().length).bytes(f.bytes());
            }
            case DATA -> {
                if (m.data.isEmpty() && !present) return null;
                long total = 5;
                for (DataSegment d : m.data) total += d.data().length + 16;
                b = new WasmOutput((int) Math.min(Integer.MAX_VALUE - 16, total));
                b.u32(m.data.size());
                for (DataSegment d : m.data) d.write(b);
            }
        }
        return b;
    }

    private static void indices(WasmOutput b, List<Integer> list) {
        b.u32(list.size());
        for (int i : list) b.u32(i);
    }
}
