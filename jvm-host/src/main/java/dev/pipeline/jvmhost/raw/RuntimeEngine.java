package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.pipeline.jvmhost.chicory.Engines;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A parsed runtime core module plus how Chicory executes it: the interpreter, or the runtime compiler (Wasm to
 * JVM bytecode, compiled once here and shared by every instance made from this engine).
 */
public final class RuntimeEngine {
    /** How Chicory runs the module. */
    public enum Mode { INTERPRETER, COMPILER }

    private final WasmModule module;
    private final Mode mode;
    private final Function<Instance, Machine> machineFactory;
    private final long prepareMillis;

    private RuntimeEngine(WasmModule module, Mode mode, Path cacheDir) {
        long t0 = System.nanoTime();
        this.module = module;
        this.mode = mode;
        this.machineFactory = mode == Mode.COMPILER ? Engines.compiled(module, cacheDir) : Engines.interpreter();
        this.prepareMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** Parses the module at {@code wasm} and, in compiler mode, compiles it to JVM bytecode (no cache). */
    public static RuntimeEngine load(Path wasm, Mode mode) {
        return new RuntimeEngine(Parser.parse(wasm), mode, null);
    }

    /**
     * Like {@link #load(Path, Mode)}, reusing compiled classes kept in {@code compilerCache} (a folder, see
     * {@link dev.pipeline.jvmhost.chicory.DirectoryCompilerCache}); null for no cache.
     */
    public static RuntimeEngine load(Path wasm, Mode mode, Path compilerCache) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(wasm);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new RuntimeEngine(Engines.parse(bytes, compilerCache), mode, compilerCache);
    }

    /** Wraps an already parsed module. */
    public static RuntimeEngine of(WasmModule module, Mode mode) {
        return new RuntimeEngine(module, mode, null);
    }

    /** The parsed module. */
    public WasmModule module() {
        return module;
    }

    /** The execution mode. */
    public Mode mode() {
        return mode;
    }

    /** The machine factory handed to every instance. */
    Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    /** How long compiling (or loading compiled classes from the cache) took, in milliseconds; ~0 interpreted. */
    public long prepareMillis() {
        return prepareMillis;
    }
}
