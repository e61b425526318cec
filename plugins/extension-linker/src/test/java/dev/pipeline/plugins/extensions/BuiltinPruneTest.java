package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prune plan read from two link maps in wasm-ld's layout (excerpts of real ones, paths shortened). */
class BuiltinPruneTest {
    @TempDir
    Path dir;

    private static final String HEADER = "    Addr      Off     Size Out     In      Symbol\n";

    private static String line(String addr, long off, long size, int indent, String text) {
        return String.format("%8s %8x %8x%s%s%n", addr, off, size, " ".repeat(indent), text);
    }

    /** Three functions (one from a left-out module), data from glue, libpython's inittab and the left-out module. */
    private static String fullMap(String root) {
        return HEADER
                + line("-", 0x100, 0x40, 1, "CODE")
                + line("-", 0x102, 0x4, 9, "<internal>:(__wasm_call_ctors)")
                + line("-", 0x106, 0x6, 9, root + "/kit/lib/libpython3.13.a(ceval.o):(PyEval_EvalCode)")
                + line("-", 0x106, 0x6, 17, "PyEval_EvalCode")
                + line("-", 0x10c, 0x5, 9, root + "/kit/lib/libpython3.13.a(zlibmodule.o):(PyInit_zlib)")
                + line("-", 0x111, 0x4, 9, root + "/kit/lib/libz.a(crc32.o):(crc32)")
                + line("200000", 0x200, 0x100, 1, ".rodata")
                + line("200000", 0x200, 0x10, 9, "<internal>:(.rodata)")
                + line("200010", 0x210, 0x20, 9, root + "/kit/lib/libpython3.13.a(zlibmodule.o):(.rodata.zlib_methods)")
                + line("200030", 0x230, 0x8, 9, root + "/kit/lib/libz.a(crc32.o):(.rodata.crc_table)")
                + line("300000", 0x300, 0x900, 1, ".data")
                + line("300000", 0x300, 0x800, 9, root + "/rt/glue/init.o:(.data.pl_pruned_builtins)")
                + line("300000", 0x300, 0x800, 17, "pl_pruned_builtins")
                + line("300800", 0xb00, 0x40, 9, root + "/kit/lib/libpython3.13.a(config.o):(.data._PyImport_Inittab)")
                + line("-", 0xb40, 0x20, 1, "CUSTOM(name)");
    }

    /** The same link without zlib: libz's crc32 stays (binascii uses it), the inittab is the generated one. */
    private static String trimmedMap(String root) {
        return HEADER
                + line("-", 0x100, 0x30, 1, "CODE")
                + line("-", 0x102, 0x4, 9, "<internal>:(__wasm_call_ctors)")
                + line("-", 0x106, 0x6, 9, root + "/kit/lib/libpython3.13.a(ceval.o):(PyEval_EvalCode)")
                + line("-", 0x10c, 0x4, 9, root + "/kit/lib/libz.a(crc32.o):(crc32)")
                + line("200000", 0x200, 0x100, 1, ".rodata")
                + line("200000", 0x200, 0x8, 9, "<internal>:(.rodata)")
                + line("200008", 0x208, 0x8, 9, root + "/kit/lib/libz.a(crc32.o):(.rodata.crc_table)")
                + line("300000", 0x300, 0x900, 1, ".data")
                + line("300000", 0x300, 0x800, 9, root + "/tmp/glue/init.o:(.data.pl_pruned_builtins)")
                + line("300800", 0xb00, 0x40, 9, root + "/scratch/pl_builtin_inittab.o:(.data._PyImport_Inittab)");
    }

    /** Bodies whose encoded sizes (length prefix included) are those of the full map: 4, 6, 5, 4. */
    private static Module runtime() {
        Module m = new Module();
        m.imports.add(Import.func("wasi_snapshot_preview1", "fd_write", 0));
        m.imports.add(Import.func("wasi_snapshot_preview1", "fd_read", 0));
        for (int size : new int[] {3, 5, 4, 3}) m.code.add(new FunctionBody(new byte[size]));
        return m;
    }

    @Test
    void cutsWhatOnlyTheLeftOutModuleReaches() throws IOException {
        Path full = Files.writeString(dir.resolve("full.map"), fullMap("/cache/a"));
        Path trimmed = Files.writeString(dir.resolve("trimmed.map"), trimmedMap("/other/place"));
        PrunedBuiltins plan = BuiltinPrune.plan(runtime(), full, trimmed, List.of("zlib"));
        // function indices count the two imported functions: PyInit_zlib is the third body
        assertEquals(List.of(new PrunedBuiltins.Range(4, 1)), plan.functions());
        // zlib's method table goes; merged strings, libz's table, the list and libpython's inittab stay
        assertEquals(List.of(new PrunedBuiltins.Range(0x200010, 0x20)), plan.data());
        assertEquals(0x300000, plan.listAddress());
        assertEquals(0x800, plan.listCapacity());
        assertEquals(List.of("zlib"), plan.modules());

        plan.write(dir);
        assertEquals(plan, PrunedBuiltins.read(dir));
        byte[] memory = new byte[0x301000];
        java.util.Arrays.fill(memory, (byte) 7);
        plan.clearData(memory);
        plan.writeList(memory);
        assertEquals(7, memory[0x20000f]);
        assertEquals(0, memory[0x200010]);
        assertEquals(0, memory[0x20002f]);
        assertEquals(7, memory[0x200030]);
        assertEquals("zlib", new String(memory, 0x300000, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, memory[0x300004]);
        assertEquals(0, memory[0x3007ff]);
    }

    @Test
    void aMapOfAnotherModuleIsRefused() throws IOException {
        Path full = Files.writeString(dir.resolve("full.map"), fullMap("/a"));
        Path trimmed = Files.writeString(dir.resolve("trimmed.map"), trimmedMap("/a"));
        Module other = runtime();
        other.code.set(1, new FunctionBody(new byte[9]));
        PipelineException e = assertThrows(PipelineException.class, () -> BuiltinPrune.plan(other, full, trimmed, List.of("zlib")));
        assertTrue(e.getMessage().contains("does not match its module at function 3"), e.getMessage());
        Module fewer = runtime();
        fewer.code.remove(3);
        e = assertThrows(PipelineException.class, () -> BuiltinPrune.plan(fewer, full, trimmed, List.of("zlib")));
        assertTrue(e.getMessage().contains("lists 4 functions, its module has 3"), e.getMessage());
    }

    @Test
    void aListTooLongForTheRuntimeIsRefused() {
        PipelineException e = assertThrows(PipelineException.class, () -> new PrunedBuiltins(List.of("abcdef", "ghij"), 0, 10,
                List.of(), List.of()));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }
}
