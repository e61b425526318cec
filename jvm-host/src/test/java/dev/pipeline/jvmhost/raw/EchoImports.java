package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.runtime.Memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The host side of EchoWorld's imports: checks the flat slots it receives and answers in canonical form. */
final class EchoImports implements ImportHandler {
    static final int BLOB_HANDLE = 77;
    final List<String> problems = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final Map<Integer, Integer> blobSizes = new HashMap<>();

    @Override
    public void call(PipelineRuntime rt, int index, int params, int results) {
        Memory m = rt.memory();
        switch (index) {
            case EchoWorld.IMPORT_ADD -> {
                calls.add("add");
                expectUpperZero(rt, params, 2);
                m.writeLong(results, (int) rt.slot(params, 0) + (int) rt.slot(params, 1));
            }
            case EchoWorld.IMPORT_GREET -> {
                calls.add("greet");
                String name = rt.readString((int) rt.slot(params, 0), (int) rt.slot(params, 1));
                int retptr = (int) rt.slot(params, 2);
                if (retptr % 4 != 0) problems.add("greet: return area not aligned: " + retptr);
                byte[] reply = ("hello, " + name).getBytes(StandardCharsets.UTF_8);
                int p = rt.allocBytes(reply, 1);
                m.writeI32(retptr, p);
                m.writeI32(retptr + 4, reply.length);
            }
            case EchoWorld.IMPORT_SUM17 -> {
                calls.add("sum17");
                int tuple = (int) rt.slot(params, 0);
                if (tuple % 8 != 0) problems.add("sum17: params tuple not aligned: " + tuple);
                long sum = 0;
                for (int i = 0; i < 17; i++) {
                    long v = m.readLong(tuple + 8 * i);
                    if (v != i * 1_000_000_000_000L) problems.add("sum17: param " + i + " = " + v);
                    sum += v;
                }
                m.writeLong(results, sum);
            }
            case EchoWorld.IMPORT_CHECK -> {
                calls.add("check");
                int x = (int) rt.slot(params, 0);
                int retptr = (int) rt.slot(params, 1);
                if (x % 2 == 0) {
                    m.writeByte(retptr, (byte) 0);
                    m.writeI32(retptr + 4, x / 2);
                } else {
                    byte[] msg = ("odd: " + x).getBytes(StandardCharsets.UTF_8);
                    m.writeByte(retptr, (byte) 1);
                    m.writeI32(retptr + 4, rt.allocBytes(msg, 1));
                    m.writeI32(retptr + 8, msg.length);
                }
            }
            case EchoWorld.IMPORT_BLOB_NEW -> {
                calls.add("blob-new");
                blobSizes.put(BLOB_HANDLE, (int) rt.slot(params, 0));
                m.writeLong(results, BLOB_HANDLE);
            }
            case EchoWorld.IMPORT_BLOB_SIZE -> {
                calls.add("blob-size");
                int handle = (int) rt.slot(params, 0);
                Integer size = blobSizes.get(handle);
                if (size == null) problems.add("blob-size: unknown handle " + handle);
                m.writeLong(results, size == null ? 0 : size);
            }
            case EchoWorld.IMPORT_MOVE_POINT -> {
                calls.add("move-point");
                int x = (int) rt.slot(params, 0);
                double y = Double.longBitsToDouble(rt.slot(params, 1));
                String label = rt.readString((int) rt.slot(params, 2), (int) rt.slot(params, 3));
                int retptr = (int) rt.slot(params, 4);
                if (retptr % 8 != 0) problems.add("move-point: return area not aligned: " + retptr);
                byte[] moved = (label + "!").getBytes(StandardCharsets.UTF_8);
                m.writeI32(retptr, x + 1);
                m.writeLong(retptr + 8, Double.doubleToRawLongBits(y * 2));
                m.writeI32(retptr + 16, rt.allocBytes(moved, 1));
                m.writeI32(retptr + 20, moved.length);
            }
            default -> problems.add("unexpected import " + index);
        }
    }

    private void expectUpperZero(PipelineRuntime rt, int params, int n) {
        for (int i = 0; i < n; i++) {
            long v = rt.slot(params, i);
            if ((v >>> 32) != 0) problems.add("i32 slot " + i + " has nonzero upper bytes: " + Long.toHexString(v));
        }
    }
}
