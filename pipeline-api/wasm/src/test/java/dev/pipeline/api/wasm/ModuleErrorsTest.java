package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.PipelineException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Malformed modules give a {@link PipelineException} that says what is wrong and at which byte offset. */
class ModuleErrorsTest {

    /** A small valid module: one function {@code (i32) -> i32} that calls itself when its argument is non-zero. */
    static byte[] valid() {
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref[] self = new ModuleBuilder.Ref[1];
        FuncType t = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
        self[0] = b.function(t, c -> c.localGet(0));
        b.export("f", self[0]);
        b.export("memory", b.memory(Limits.of(1, null)));
        return b.toBytes();
    }

    static String error(byte[] bytes) {
        PipelineException e = assertThrows(PipelineException.class, () -> {
            Module m = ModuleReader.read(bytes, "m.wasm");
            ModuleValidator.check(m, "m.wasm");
        });
        return e.getMessage();
    }

    static int indexOf(byte[] hay, int... needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if ((hay[i + j] & 0xff) != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void validModulePasses() {
        ModuleValidator.check(ModuleReader.read(valid(), "m.wasm"), "m.wasm");
    }

    @Test
    void truncatedFile() {
        byte[] b = valid();
        String m = error(java.util.Arrays.copyOf(b, b.length - 3));
        assertTrue(m.contains("m.wasm: at byte offset") && m.contains("remain"), m);
    }

    @Test
    void tooShortAndNotWasm() {
        assertTrue(error(new byte[]{0, 'a', 's'}).contains("too short"));
        assertTrue(error("hello, world".getBytes()).contains("bad magic number"));
    }

    @Test
    void badLeb128() {
        byte[] b = valid();
        int type = indexOf(b, 0x01, 0x06, 0x01, 0x60); // type section: id, size 6, one type, func
        byte[] bad = b.clone();
        bad[type + 1] = (byte) 0x86; // the size's continuation bit set, and the following bytes keep it going
        bad[type + 2] = (byte) 0x81;
        bad[type + 3] = (byte) 0xe0;
        bad[type + 4] = (byte) 0x80;
        bad[type + 5] = (byte) 0x81;
        String m = error(bad);
        assertTrue(m.contains("at byte offset " + (type + 1)) && m.contains("LEB128"), m);
    }

    @Test
    void outOfRangeFunctionIndexInACall() {
        byte[] b = valid();
        int get = indexOf(b, 0x20, 0x00, 0x0b); // local.get 0; end
        byte[] bad = b.clone();
        bad[get] = 0x10; // call 0 ... turn it into call 9
        bad[get + 1] = 0x09;
        String m = error(bad);
        assertTrue(m.contains("function index 9 out of range (1 function)") && m.contains("at byte offset " + get), m);
    }

    @Test
    void outOfRangeLocal() {
        byte[] b = valid();
        int get = indexOf(b, 0x20, 0x00, 0x0b);
        byte[] bad = b.clone();
        bad[get + 1] = 0x05;
        assertTrue(error(bad).contains("local index 5 out of range (1 local)"));
    }

    @Test
    void unknownOpcode() {
        byte[] b = valid();
        int get = indexOf(b, 0x20, 0x00, 0x0b);
        byte[] bad = b.clone();
        bad[get] = (byte) 0xc5;
        String m = error(bad);
        assertTrue(m.contains("unknown opcode 0xc5") && m.contains("at byte offset " + get), m);
    }

    @Test
    void wrongSectionOrder() {
        // an export section (7) before a function section (3)
        byte[] bad = {0, 'a', 's', 'm', 1, 0, 0, 0, 7, 1, 0, 3, 1, 0};
        String m = error(bad);
        assertTrue(m.contains("at byte offset 11") && m.contains("out of order"), m);
    }

    @Test
    void exportOfAMissingFunction() {
        byte[] bad = {0, 'a', 's', 'm', 1, 0, 0, 0, 7, 5, 1, 1, 'f', 0, 3};
        String m = error(bad);
        assertTrue(m.contains("at byte offset 11") && m.contains("refers to func 3 but there are 0"), m);
    }
}
