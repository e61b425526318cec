package dev.pipeline.plugins.wizer;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * init = "chicory": runs the runtime on the JVM with Chicory (WASI preview 1, fixed clock and random, no
 * environment, no files), calls {@code pipeline_init} — CPython starts, the app is imported, its export classes are
 * created — and writes memory and globals back into the module, so the component's first call runs no start-up.
 */
@Extension
public final class ChicoryInitStrategy implements StageStrategy {
    /** Java stack for the thread that runs CPython: its C recursion becomes JVM recursion under Chicory. */
    private static final long STACK_BYTES = 512L << 20;
    /** The instant the build-time clock shows: fixed, so that two builds give the same bytes. */
    private static final Instant BUILD_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private final Progress progress;

    @Inject
    public ChicoryInitStrategy(Progress progress) {
        this.progress = progress;
    }

    @Override public Stage stage() { return Stage.INIT; }
    @Override public String name() { return "chicory"; }
    @Override public String description() { return "pre-initialise on the JVM (Chicory): Python starts at build time"; }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .string("engine", "how Chicory runs the module: \"compiler\" (JVM bytecode, compiled once per runtime module "
                        + "and kept in the cache) or \"interpreter\"", "compiler", "compiler", "interpreter")
                .build();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path runtimeFile = ctx.outputOf(Stage.EXTENSIONS).map(p -> p.resolve("runtime.wasm")).filter(Files::isRegularFile)
                .orElseThrow(() -> new PipelineException("the extensions stage wrote no runtime.wasm"));
        Path imageFile = ctx.outputOf(Stage.PACKAGING).map(p -> p.resolve("image.bin")).filter(Files::isRegularFile)
                .orElseThrow(() -> new PipelineException("the packaging stage wrote no image.bin"));
        byte[] runtime = Files.readAllBytes(runtimeFile);
        byte[] image = Files.readAllBytes(imageFile);
        // names of the world's imports, for the error when the app calls one at build time
        java.util.List<String> importNames = ctx.outputOf(Stage.BINDINGS)
                .filter(p -> Files.isRegularFile(p.resolve("wit.json")))
                .map(p -> dev.pipeline.api.world.WitSelection.read(p).load(ctx.app()).imports().stream()
                        .map(dev.pipeline.api.world.WorldView::describe).toList())
                .orElse(java.util.List.of());
        boolean compiler = "compiler".equals(ctx.config().string("engine"));

        long t0 = System.nanoTime();
        WasmModule parsed = Parser.parse(runtime);
        Function<Instance, Machine> machines = compiler
                ? MachineFactoryCompiler.builder(parsed).withInterpreterFallback(InterpreterFallback.SILENT)
                        .withCache(new dev.pipeline.host.chicory.DirectoryCompilerCache(compilerCache())).compile()
                : InterpreterMachine::new;
        long t1 = System.nanoTime();
        if (compiler) progress.status(String.format("runtime as JVM bytecode in %.1f s (compiled once per runtime module)", (t1 - t0) / 1e9));

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        AtomicReference<byte[]> memory = new AtomicReference<>();
        AtomicReference<long[]> globals = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
                    .withArguments(List.of("python"))
                    .withClock(Clock.fixed(BUILD_TIME, ZoneOffset.UTC))
                    .withRandom(new Random(0))
                    .withStdout(stdout, false)
                    .withStderr(stderr, false)
                    .build()).build()) {
                Instance instance = Instance.builder(parsed)
                        .withImportValues(ImportValues.builder().addFunction(deterministic(wasi.toHostFunctions()))
                                .addFunction(pipelineImports(image, importNames)).build())
                        .withMachineFactory(machines)
                        .withStart(false)
                        .build();
                instance.export("_initialize").apply();
                status.set((int) instance.export("pipeline_init").apply()[0]);
                Memory m = instance.memory();
                memory.set(m.readBytes(0, m.pages() * Memory.PAGE_SIZE));
                long[] g = new long[instance.globalCount()];
                for (int i = 0; i < g.length; i++) g[i] = instance.global(i).getValue();
                globals.set(g);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "pipeline-preinit", STACK_BYTES);
        worker.start();
        worker.join();
        long t2 = System.nanoTime();
        String err = stderr.toString(StandardCharsets.UTF_8).strip();
        if (failure.get() != null) {
            Throwable f = failure.get();
            if (f instanceof WasiExitException exit) {
                // os._exit() or a C exit() while the app was imported
                throw new PipelineException(dev.pipeline.api.diag.Diagnostic.error("the app exited with status " + exit.exitCode()
                        + " at build time, while its module was imported" + (err.isEmpty() ? "" : ":\n" + err))
                        .withHint(EXIT_HINT));
            }
            String why = f instanceof BuildTimeCall b ? b.getMessage() : "the runtime trapped: " + describe(f);
            throw new PipelineException(dev.pipeline.api.diag.Diagnostic.error("pre-initialisation failed: " + why
                    + (err.isEmpty() ? "" : "\n" + err)).withHint(f instanceof BuildTimeCall ? "the app's module-level code runs "
                    + "at build time; calls to the world's imports must wait until an export is called"
                    : "the app's module-level code runs at build time; run with --verbose for the Java stack trace"), f);
        }
        if (status.get() != 0) throw AppFailure.from(err, ctx.app());
        if (!err.isEmpty()) progress.status("stderr during pre-initialisation:\n" + err);
        String out = stdout.toString(StandardCharsets.UTF_8).strip();
        if (!out.isEmpty()) progress.status("stdout during pre-initialisation:\n" + out);

        Module module = ModuleReader.read(runtime, "runtime.wasm");
        Snapshot.Stats stats = Snapshot.apply(module, memory.get(), globals.get());
        byte[] snapshot = ModuleWriter.write(module);
        Files.write(ctx.output().resolve("runtime.wasm"), snapshot);
        Files.writeString(ctx.output().resolve("init.json"), String.format(
                "{\n  \"preinitialised\": true,\n  \"engine\": \"%s\",\n  \"pages\": %d,\n  \"segments\": %d,\n  \"data_bytes\": %d\n}\n",
                compiler ? "compiler" : "interpreter", stats.pages(), stats.segments(), stats.dataBytes()));
        progress.status(String.format("Python started at build time in %.1f s (%s); %d pages of memory, %d data segments, module %.1f MiB",
                (t2 - t1) / 1e9, compiler ? "compiler" : "interpreter", stats.pages(), stats.segments(), snapshot.length / 1048576.0));
    }

    /**
     * WASI with clocks that do not depend on when the build runs: Chicory answers the monotonic clock from
     * {@code System.nanoTime()}, so {@code clock_time_get} is replaced by one where every clock starts at the build
     * instant and advances one microsecond per reading.
     */
    private static HostFunction[] deterministic(HostFunction[] wasi) {
        long[] ticks = {0};
        HostFunction[] out = wasi.clone();
        for (int i = 0; i < out.length; i++) {
            if (!out[i].name().equals("clock_time_get")) continue;
            out[i] = new HostFunction(out[i].module(), out[i].name(), out[i].functionType(), (inst, args) -> {
                long nanos = BUILD_TIME.getEpochSecond() * 1_000_000_000L + 1_000L * ticks[0]++;
                inst.memory().writeLong((int) args[2], nanos);
                return new long[] {0};
            });
        }
        return out;
    }

    /** Where compiled runtime modules are kept: the {@code chicory} folder of the user's pipeline cache. */
    private static Path compilerCache() {
        return dev.pipeline.host.cache.StageCache.defaultRoot().resolve("chicory");
    }

    static final String EXIT_HINT = "module-level code runs at build time with init = \"chicory\": call sys.exit() only "
            + "from a function, or set init = \"none\" in [pipeline] to import the app when the component starts";

    /** A Chicory failure as a sentence, without Java class names. */
    private static String describe(Throwable f) {
        String m = f.getMessage();
        return m == null || m.isBlank() ? "an error of the WebAssembly engine" : m;
    }

    /** A world import or resource intrinsic reached while pre-initialising: not available at build time. */
    static final class BuildTimeCall extends RuntimeException {
        BuildTimeCall(String message) {
            super(message);
        }
    }

    private static HostFunction[] pipelineImports(byte[] image, List<String> importNames) {
        List<ValType> i32 = List.of(ValType.I32);
        List<ValType> i32x2 = List.of(ValType.I32, ValType.I32);
        List<ValType> none = List.of();
        return new HostFunction[] {
            new HostFunction("pipeline", "call_import", FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), none),
                    (inst, args) -> {
                        int index = (int) args[0];
                        String name = index >= 0 && index < importNames.size() ? "`" + importNames.get(index) + "`" : "#" + index;
                        throw new BuildTimeCall("the app called the world's import " + name + " at build time, while its "
                                + "module was being imported (pre-initialisation); imports are available once an export runs");
                    }),
            new HostFunction("pipeline", "image_size", FunctionType.of(none, i32), (inst, args) -> new long[] {image.length}),
            new HostFunction("pipeline", "image_read", FunctionType.of(i32, none), (inst, args) -> {
                inst.memory().write((int) args[0], image);
                return null;
            }),
            new HostFunction("pipeline", "resource_new", FunctionType.of(i32x2, i32), (inst, args) -> {
                throw new BuildTimeCall("the app created a handle to an exported resource at build time");
            }),
            new HostFunction("pipeline", "resource_rep", FunctionType.of(i32x2, i32), (inst, args) -> {
                throw new BuildTimeCall("the app used a resource handle at build time");
            }),
            new HostFunction("pipeline", "resource_drop", FunctionType.of(i32x2, none), (inst, args) -> {
                throw new BuildTimeCall("the app dropped a resource handle at build time");
            }),
        };
    }
}
