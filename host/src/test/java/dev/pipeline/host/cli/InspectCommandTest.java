package dev.pipeline.host.cli;

import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.PrimitiveType;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.component.TypeScopeBuilder;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wasm.SectionId;
import dev.pipeline.api.wasm.ValType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class InspectCommandTest {

    private static String[] run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    private static byte[] coreModule() {
        ModuleBuilder b = new ModuleBuilder();
        b.export("memory", b.memory(Limits.of(1, null)));
        b.export("twice", b.function(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
                c -> c.localGet(0).localGet(0).op(0x6a)));
        TypeScopeBuilder w = new TypeScopeBuilder();
        w.exportFunc("twice", new DefType.Func(List.of(new DefType.Field("n", PrimitiveType.S32)), PrimitiveType.S32));
        WorldEncoding.World world = new WorldEncoding.World("test:twice/twice@1.0.0", w.componentType());
        Module m = b.build();
        m.customSections.add(new CustomSection(WorldEncoding.sectionName(world), WorldEncoding.customSection(world), SectionId.DATA));
        return ModuleWriter.write(m);
    }

    @Test
    void coreModuleShowsSectionsExportsAndItsWorld(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("twice.wasm");
        Files.write(f, coreModule());
        String[] r = run("inspect", f.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("core module twice.wasm"), r[1]);
        assertTrue(r[1].contains("twice: func (i32) -> (i32)"), r[1]);
        assertTrue(r[1].contains("world twice {"), r[1]);
        assertTrue(r[1].contains("export twice: func(n: s32) -> s32;"), r[1]);
    }

    @Test
    void componentShowsItsWorldAsWit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("twice.component.wasm");
        Files.write(f, ComponentNew.encode(coreModule(), null));
        String[] r = run("inspect", f.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("world root {"), r[1]);
        assertTrue(r[1].contains("export twice: func(n: s32) -> s32;"), r[1]);
        assertTrue(r[1].contains("core module 0"), r[1]);
    }

    @Test
    void brokenFilesGiveAnErrorWithTheOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.wasm");
        byte[] b = coreModule();
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        String[] r = run("inspect", f.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("broken.wasm: at byte offset"), r[2]);
        assertFalse(r[2].contains("internal error"), r[2]);
    }

    @Test
    void aHugeFileIsRefusedWithItsSizeAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("huge.wasm");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.write(coreModule());
            raf.setLength(2_500_000_000L); // sparse: 2.5 GB long, nothing written past the module
        }
        long t0 = System.nanoTime();
        String[] r = run("inspect", f.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("huge.wasm is 2.3 GiB; WebAssembly inputs larger than 512 MiB are not read"), r[2]);
        assertFalse(r[2].contains("internal error") || r[2].contains("OutOfMemoryError") || r[2].contains("\tat "), r[2]);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the size is checked before reading");
    }

    @Test
    void aFifoOrAFolderIsRefusedWithoutWaiting(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.wasm");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String[] r = run("inspect", fifo.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("pipe.wasm: not a regular file"), r[2]);
        r = run("inspect", dir.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("not a regular file"), r[2]);
        r = run("inspect", dir.resolve("missing.wasm").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("missing.wasm: no such file"), r[2]);
    }
}
