package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The {@code name} custom section split into its subsections; function (1), local (2) and global (7) names are
 * decoded, other subsections are kept as raw bytes.
 */
public final class NameSection {
    public static final int MODULE = 0, FUNCTIONS = 1, LOCALS = 2, GLOBALS = 7;

    /** One subsection: its id and payload. */
    public record Subsection(int id, byte[] data) {}

    private final List<Subsection> subsections;

    private NameSection(List<Subsection> subsections) { this.subsections = subsections; }

    public static NameSection read(byte[] data) {
        WasmInput in = new WasmInput(data, "name section");
        List<Subsection> subs = new ArrayList<>();
        while (!in.atEnd()) {
            int id = in.u8();
            int len = in.count();
            subs.add(new Subsection(id, in.bytes(len)));
        }
        return new NameSection(subs);
    }

    public List<Subsection> subsections() { return subsections; }

    /** Index → name for a name-map subsection ({@link #FUNCTIONS}, {@link #GLOBALS}, …); empty if absent. */
    public Map<Integer, String> names(int subsectionId) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Subsection s : subsections) {
            if (s.id() != subsectionId) continue;
            WasmInput in = new WasmInput(s.data(), "name subsection " + subsectionId);
            int n = in.count();
            for (int i = 0; i < n; i++) out.put(in.count(), in.name());
        }
        return out;
    }

    /** The index whose name is {@code name} in a name-map subsection, or -1. */
    public int indexOf(int subsectionId, String name) {
        for (Map.Entry<Integer, String> e : names(subsectionId).entrySet()) {
            if (e.getValue().equals(name)) return e.getKey();
        }
        return -1;
    }

    /**
     * A copy with function indices (subsections 1 and 2) and global indices (subsection 7) mapped; names of items
     * mapped to a negative index are dropped.
     */
    public NameSection remap(IntUnaryOperator functions, IntUnaryOperator globals) {
        List<Subsection> out = new ArrayList<>();
        for (Subsection s : subsections) {
            switch (s.id()) {
                case FUNCTIONS -> out.add(new Subsection(s.id(), remapNameMap(s.data(), functions)));
                case GLOBALS -> out.add(new Subsection(s.id(), remapNameMap(s.data(), globals)));
                case LOCALS -> {
                    WasmInput in = new WasmInput(s.data(), "local names");
                    WasmOutput body = new WasmOutput(s.data().length + 16);
                    int n = in.count();
                    int kept = 0;
                    for (int i = 0; i < n; i++) {
                        int f = functions.applyAsInt(in.count());
                        WasmOutput entry = new WasmOutput();
                        int m = in.count();
                        entry.u32(m);
                        for (int j = 0; j < m; j++) entry.u32(in.count()).name(in.name());
                        if (f >= 0) {
                            body.u32(f).append(entry);
                            kept++;
                        }
                    }
                    out.add(new Subsection(s.id(), new WasmOutput().u32(kept).append(body).toByteArray()));
                }
                default -> out.add(s);
            }
        }
        return new NameSection(out);
    }

    /** A name map with indices mapped; entries mapped to a negative index (removed items) are dropped. */
    private static byte[] remapNameMap(byte[] data, IntUnaryOperator map) {
        WasmInput in = new WasmInput(data, "name map");
        WasmOutput body = new WasmOutput(data.length + 16);
        int n = in.count();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int index = map.applyAsInt(in.count());
            String name = in.name();
            if (index >= 0) {
                body.u32(index).name(name);
                kept++;
            }
        }
        return new WasmOutput(body.size() + 5).u32(kept).append(body).toByteArray();
    }

    public byte[] toBytes() {
        WasmOutput w = new WasmOutput();
        for (Subsection s : subsections) w.u8(s.id()).u32(s.data().length).bytes(s.data());
        return w.toByteArray();
    }
}
