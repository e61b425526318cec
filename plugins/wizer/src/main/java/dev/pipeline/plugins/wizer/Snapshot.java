package dev.pipeline.plugins.wizer;

import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.DataSegment;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.Global;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ValType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an initialised instance's state back into its module, as Wizer does: memory becomes active data segments
 * (non-zero runs, split at long zero runs), the memory's minimum becomes the live page count, every mutable global
 * starts at its live value, and {@code _initialize} is no longer exported (its work is done).
 */
final class Snapshot {
    /** Zero runs at least this long split a data segment; shorter ones are kept inside it. */
    static final int ZERO_RUN = 64;

    private Snapshot() {}

    /** Statistics of one snapshot. */
    record Stats(int pages, int segments, long dataBytes) {}

    static Stats apply(Module m, byte[] memory, long[] globals) {
        if (m.memoryCount() != 1 || m.importCount(ExternalKind.MEMORY) != 0) {
            throw new IllegalStateException("pre-initialisation needs a module that defines exactly one memory");
        }
        m.data.removeIf(d -> d.offset() != null);
        if (m.data.stream().anyMatch(d -> d.offset() == null)) {
            throw new IllegalStateException("the module has passive data segments; they cannot be snapshotted");
        }
        List<DataSegment> segments = segments(memory, memory.length);
        m.data.addAll(segments);
        long bytes = segments.stream().mapToLong(d -> d.data().length).sum();
        if (m.dataCount != null) m.dataCount = m.data.size();
        int pages = memory.length / 65536;
        Limits old = m.memories.get(0);
        m.memories.set(0, new Limits(old.flags(), pages, old.max(), old.pageSizeLog2()));
        int importedGlobals = m.importCount(ExternalKind.GLOBAL);
        for (int g = 0; g < m.globals.size(); g++) {
            Global global = m.globals.get(g);
            if (!global.type().mutable()) continue;
            long v = globals[importedGlobals + g];
            m.globals.set(g, new Global(global.type(), constant(global.type().type(), v)));
        }
        m.exports.removeIf(e -> e.name().equals("_initialize"));
        return new Stats(pages, segments.size(), bytes);
    }

    /** Active data segments holding the first {@code n} bytes of {@code memory}: its non-zero runs, split at long zero runs. */
    static List<DataSegment> segments(byte[] memory, int n) {
        List<DataSegment> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            while (i < n && memory[i] == 0) i++;
            if (i >= n) break;
            int start = i;
            int end = i;
            int zeros = 0;
            while (i < n) {
                if (memory[i] == 0) {
                    zeros++;
                    if (zeros >= ZERO_RUN) break;
                } else {
                    zeros = 0;
                    end = i + 1;
                }
                i++;
            }
            out.add(DataSegment.active(0, ConstExpr.i32(start), java.util.Arrays.copyOfRange(memory, start, end)));
        }
        return out;
    }

    private static byte[] constant(ValType t, long raw) {
        if (t.equals(ValType.I32)) return ConstExpr.i32((int) raw);
        if (t.equals(ValType.I64)) return ConstExpr.i64(raw);
        ByteBuffer b = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        if (t.equals(ValType.F32)) {
            b.put((byte) 0x43).putInt((int) raw).put((byte) 0x0b);
        } else if (t.equals(ValType.F64)) {
            b.put((byte) 0x44).putLong(raw).put((byte) 0x0b);
        } else {
            throw new IllegalStateException("cannot snapshot a global of type " + t);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
