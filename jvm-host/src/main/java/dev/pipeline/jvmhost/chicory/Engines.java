package dev.pipeline.jvmhost.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * How Chicory executes a module, shared by everything in the project that runs wasm on the JVM (pre-initialisation,
 * the runtime tests, the component host): the interpreter, or the runtime compiler (Wasm to JVM bytecode) whose
 * classes are kept in a {@link DirectoryCompilerCache} so a machine compiles a module once. Functions the compiler
 * cannot translate fall back to the interpreter.
 */
public final class Engines {
    private Engines() {}

    /**
     * Parses a core module, validating it the first time this machine sees it: a marker in the compiled-module cache
     * ({@code cacheDir}, null: always validate) records modules that passed, so later loads skip Chicory's validation
     * pass (about a third of the parse of the 8 MiB runtime).
     */
    public static WasmModule parse(byte[] module, Path cacheDir) {
        Path marker = null;
        if (cacheDir != null) {
            try {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                marker = cacheDir.resolve("validated-" + java.util.HexFormat.of().formatHex(sha.digest(module)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        boolean validated = marker != null && java.nio.file.Files.isRegularFile(marker);
        WasmModule parsed = com.dylibso.chicory.wasm.Parser.builder().withValidation(!validated).build()
                .parse(() -> new java.io.ByteArrayInputStream(module));
        if (marker != null && !validated) {
            try {
                java.nio.file.Files.createDirectories(cacheDir);
                java.nio.file.Files.write(marker, new byte[0]);
            } catch (java.io.IOException e) {
                // no marker: the next load validates again
            }
        }
        return parsed;
    }

    /** The interpreter: no preparation, slowest calls. */
    public static Function<Instance, Machine> interpreter() {
        return InterpreterMachine::new;
    }

    /**
     * The runtime compiler's machine factory for {@code module}; {@code cacheDir} (null: no cache) keeps the compiled
     * classes keyed by the module's digest. Compiling the 8 MiB runtime takes 10–40 s; loading cached classes ~3 s.
     */
    public static Function<Instance, Machine> compiled(WasmModule module, Path cacheDir) {
        MachineFactoryCompiler.Builder compiler =
                MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
        if (cacheDir != null) compiler.withCache(new DirectoryCompilerCache(cacheDir));
        return compiler.compile();
    }

    /**
     * The user's cache folder for compiled modules: {@code chicory/} in {@link #userCacheRoot()}.
     */
    public static Path defaultCompilerCache() {
        return userCacheRoot().resolve("chicory");
    }

    /**
     * The user's pipeline cache folder: {@code -Dpipeline.cache}, else {@code $PIPELINE_CACHE}, else
     * {@code $XDG_CACHE_HOME/pipeline}, else {@code ~/.cache/pipeline}.
     */
    public static Path userCacheRoot() {
        String env = System.getProperty("pipeline.cache", System.getenv("PIPELINE_CACHE"));
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pipeline");
    }
}
