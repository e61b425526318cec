package dev.pipeline.host.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

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

    private RuntimeEngine(WasmModule module, Mode mode) {
        long t0 = System.nanoTime();
        this.module = module;
        this.mode = mode;
        this.machineFactory = mode == Mode.COMPILER
                ? MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT).compile()
                : InterpreterMachine::new;
        this.prepareMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** Parses the module at {@code wasm} and, in compiler mode, compiles it to JVM bytecode. */
    public static RuntimeEngine load(Path wasm, Mode mode) {
        return new RuntimeEngine(Parser.parse(wasm), mode);
    }

    /** Wraps an already parsed module. */
    public static RuntimeEngine of(WasmModule module, Mode mode) {
        return new RuntimeEngine(module, mode);
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

    /** How long compiling took (0 for the interpreter), in milliseconds. */
    public long prepareMillis() {
        return prepareMillis;
    }
}
