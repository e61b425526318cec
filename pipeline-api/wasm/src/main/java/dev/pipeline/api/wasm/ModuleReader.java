package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.PipelineException;

import java.nio.file.Path;

/**
 * Parses a core module binary into a {@link Module}. Every malformation (truncation, bad LEB128, sections out of
 * order, counts that disagree, unknown kinds) is reported as a {@link PipelineException} with the byte offset.
 */
public final class ModuleReader {
    private ModuleReader() {}

    public static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    public static Module read(Path file) {
        return read(WasmInput.readFile(file), file.getFileName().toString());
    }

    public static Module read(byte[] bytes, String what) {
        WasmInput in = new WasmInput(bytes, what);
        readHeader(in);
        Module m = new Module();
        SectionId last = null;
        int functionCountDeclared = -1;
        while (!in.atEnd()) {
            int sectionStart = in.position();
            int id = in.u8();
            int size = in.count();
            if (size > in.remaining()) {
                throw in.error(sectionStart, "section " + id + " claims " + size + " bytes but only "
                        + in.remaining() + " remain");
            }
            WasmInput s = in.slice(size);
            if (id == 0) {
                String name = s.name();
                m.customSections.add(new CustomSection(name, s.bytes(s.remaining()), last));
                continue;
            }
            SectionId sid = SectionId.byId(id);
            if (sid == null) throw in.error(sectionStart, "unknown section id " + id);
            if (last != null && sid.ordinal() <= last.ordinal()) {
                throw in.error(sectionStart, "section `" + sid.text() + "` out of order (after `" + last.text() + "`)");
            }
            last = sid;
            m.presentSections.add(sid);
            switch (sid) {
                case TYPE -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) m.types.add(FuncType.read(s));
                }
                case IMPORT -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) {
                        int at = s.position();
                        Import imp = Import.read(s);
                        if ((imp.kind() == ExternalKind.FUNC || imp.kind() == ExternalKind.TAG)
                                && imp.typeIndex() >= m.types.size()) {
                            throw s.error(at, "import " + imp.module() + "." + imp.name() + " uses type "
                                    + imp.typeIndex() + " but there are " + m.types.size() + " types");
                        }
                        m.imports.add(imp);
                    }
                }
                case FUNCTION -> {
                    int n = vecCount(s);
                    functionCountDeclared = n;
                    for (int i = 0; i < n; i++) {
                        int at = s.position();
                        int t = s.count();
                        if (t >= m.types.size()) {
                            throw s.error(at, "function uses type " + t + " but there are " + m.types.size() + " types");
                        }
                        m.functions.add(t);
                    }
                }
                case TABLE -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) m.tables.add(TableType.read(s));
                }
                case MEMORY -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) m.memories.add(Limits.read(s));
                }
                case TAG -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) {
                        int at = s.position();
                        if (s.u8() != 0) throw s.error(at, "tag attribute must be 0");
                        int t = s.count();
                        if (t >= m.types.size()) throw s.error(at, "tag uses type " + t + " out of range");
                        m.tags.add(t);
                    }
                }
                case GLOBAL -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) m.globals.add(Global.read(s));
                }
                case EXPORT -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) {
                        int at = s.position();
                        Export e = Export.read(s);
                        if (e.index() >= m.count(e.kind())) {
                            throw s.error(at, "export `" + e.name() + "` refers to " + e.kind().text() + " "
                                    + e.index() + " but there are " + m.count(e.kind()));
                        }
                        m.exports.add(e);
                    }
                }
                case START -> {
                    int at = s.position();
                    int f = s.count();
                    if (f >= m.functionCount()) throw s.error(at, "start function " + f + " out of range");
                    m.start = f;
                }
                case ELEMENT -> {
                    int n = vecCount(s);
                    for (int i = 0; i < n; i++) m.elements.add(ElementSegment.read(s));
                }
                case DATA_COUNT -> m.dataCount = s.count();
                case CODE -> {
                    int n = vecCount(s);
                    if (n != m.functions.size()) {
                        throw s.error(sectionStart, "code section has " + n + " bodies but the function section declares "
                                + m.functions.size());
                    }
                    for (int i = 0; i < n; i++) {
                        int len = s.count();
                        if (len > s.remaining()) {
                            throw s.error("function body " + i + " claims " + len + " bytes, " + s.remaining() + " remain");
                        }
                        m.bodyOffsets.add(s.position());
                        m.code.add(new FunctionBody(s.bytes(len)));
                    }
                }
                case DATA -> {
                    int n = vecCount(s);
                    if (m.dataCount != null && m.dataCount != n) {
                        throw s.error(sectionStart, "data section has " + n + " segments but data count says " + m.dataCount);
                    }
                    for (int i = 0; i < n; i++) m.data.add(DataSegment.read(s));
                }
            }
            s.expectEnd("section `" + sid.text() + "`");
        }
        if (functionCountDeclared > 0 && !m.presentSections.contains(SectionId.CODE)) {
            throw in.error("function section declares " + functionCountDeclared + " functions but there is no code section");
        }
        return m;
    }

    static void readHeader(WasmInput in) {
        if (in.remaining() < 8) throw in.error(0, "too short to be a WebAssembly binary (" + in.remaining() + " bytes)");
        for (byte b : MAGIC) {
            if (in.u8() != (b & 0xff)) throw in.error(0, "not a WebAssembly binary (bad magic number)");
        }
        int version = in.u8() | in.u8() << 8;
        int layer = in.u8() | in.u8() << 8;
        if (layer == 1) throw in.error(4, "this is a component, not a core module");
        if (version != 1 || layer != 0) throw in.error(4, "unsupported core module version " + version);
    }

    /** Whether {@code bytes} start like a component (version 0x0d, layer 1) rather than a core module. */
    public static boolean isComponent(byte[] bytes) {
        return bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm'
                && bytes[6] == 1 && bytes[7] == 0;
    }

    private static int vecCount(WasmInput s) {
        int at = s.position();
        int n = s.count();
        if (n > s.remaining()) throw s.error(at, "item count " + n + " exceeds the " + s.remaining() + " bytes left in the section");
        return n;
    }
}
