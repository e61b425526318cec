package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.PipelineException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-encoded instruction sequences from the proposals clang can emit (and some it cannot). */
class InstructionReaderTest {

    private static List<Integer> decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        InstructionReader r = new InstructionReader(new WasmInput(b, "code"));
        List<Integer> ops = new ArrayList<>();
        while (true) {
            int op = r.next();
            ops.add(op);
            if (op == Opcodes.END && r.depth() < 0) return ops;
        }
    }

    @Test
    void controlAndBranches() {
        // block (result i32) i32.const -1 br_table 0 0 0 end; select (i32); drop; end
        List<Integer> ops = decode(0x02, 0x7f, 0x41, 0x7f, 0x0e, 0x02, 0x00, 0x00, 0x00, 0x0b,
                0x41, 0x00, 0x41, 0x01, 0x1c, 0x01, 0x7f, 0x1a, 0x0b);
        assertEquals(List.of(0x02, 0x41, 0x0e, 0x0b, 0x41, 0x41, 0x1c, 0x1a, 0x0b), ops);
    }

    @Test
    void bulkMemorySaturatingAndSignExtension() {
        // memory.copy 0 0; memory.fill 0; i32.trunc_sat_f32_s; i32.extend8_s; data.drop 0; end
        List<Integer> ops = decode(0xfc, 0x0a, 0x00, 0x00, 0xfc, 0x0b, 0x00, 0xfc, 0x00, 0xc0, 0xfc, 0x09, 0x00, 0x0b);
        assertEquals(List.of(Opcodes.MEMORY_COPY, Opcodes.MEMORY_FILL, 0xfc << 16, 0xc0, Opcodes.DATA_DROP, 0x0b), ops);
    }

    @Test
    void simdWithMemargLanesAndConstants() {
        List<Integer> ops = decode(
                0xfd, 0x00, 0x04, 0x10,                       // v128.load align=16 offset=16
                0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, // v128.const
                0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,  // i8x16.shuffle
                0xfd, 0x15, 0x03,                             // i8x16.extract_lane_s 3
                0xfd, 0x54, 0x00, 0x00, 0x07,                 // v128.load8_lane 7
                0xfd, 0xae, 0x01,                             // i32x4.add (two-byte sub-opcode)
                0x0b);
        assertEquals(List.of(Opcodes.PREFIX_SIMD << 16, Opcodes.PREFIX_SIMD << 16 | 12, Opcodes.PREFIX_SIMD << 16 | 13,
                Opcodes.PREFIX_SIMD << 16 | 0x15, Opcodes.PREFIX_SIMD << 16 | 0x54, Opcodes.PREFIX_SIMD << 16 | 0xae, 0x0b), ops);
    }

    @Test
    void exceptionHandlingLegacyAndNew() {
        // try; throw 0; catch 0; rethrow 0; catch_all; end; try_table (catch 0 0) (catch_all 0); end; try; delegate 0; end
        List<Integer> ops = decode(0x06, 0x40, 0x08, 0x00, 0x07, 0x00, 0x09, 0x00, 0x19, 0x0b,
                0x1f, 0x40, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x0b,
                0x06, 0x40, 0x18, 0x00,
                0x0b);
        assertEquals(List.of(0x06, 0x08, 0x07, 0x09, 0x19, 0x0b, 0x1f, 0x0b, 0x06, 0x18, 0x0b), ops);
    }

    @Test
    void atomicsAndReferenceTypes() {
        // memory.atomic.notify; atomic.fence; ref.null func; ref.is_null; ref.func 3; table.get 0; end
        List<Integer> ops = decode(0xfe, 0x00, 0x02, 0x00, 0xfe, 0x03, 0x00, 0xd0, 0x70, 0xd1, 0xd2, 0x03, 0x25, 0x00, 0x0b);
        assertEquals(List.of(Opcodes.PREFIX_ATOMIC << 16, Opcodes.PREFIX_ATOMIC << 16 | 3, Opcodes.REF_NULL,
                Opcodes.REF_IS_NULL, Opcodes.REF_FUNC, Opcodes.TABLE_GET, 0x0b), ops);
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertTrue(assertThrows(PipelineException.class, () -> decode(0xfb, 0x00, 0x0b)).getMessage().contains("GC"));
        assertTrue(assertThrows(PipelineException.class, () -> decode(0xfc, 0x20, 0x0b)).getMessage().contains("0xfc sub-opcode 32"));
        assertTrue(assertThrows(PipelineException.class, () -> decode(0x1f, 0x40, 0x01, 0x07, 0x0b)).getMessage().contains("catch kind"));
        assertTrue(assertThrows(PipelineException.class, () -> decode(0x05, 0x0b)).getMessage().contains("outside of a block"));
        assertTrue(assertThrows(PipelineException.class, () -> decode(0x41, 0x80, 0x80)).getMessage().contains("end of input"));
    }
}
