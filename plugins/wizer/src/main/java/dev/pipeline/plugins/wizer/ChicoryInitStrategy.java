package dev.pipeline.plugins.wizer;

import dev.pipeline.api.contract.DependencyComponents;
import dev.pipeline.api.contract.SelectedWorld;
import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.image.ModuleImage;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import dev.pipeline.api.stage.UserCache;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.jvmhost.chicory.Engines;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.world.WorldView;

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
    /** How long the runtime may take to stop once the time budget ran out (it stops at its next call or loop). */
    private static final long STOP_GRACE_MILLIS = 30_000;
    /** A bound for CPython's own start, which the budget does not count (it takes seconds, never minutes). */
    private static final long PYTHON_START_LIMIT_NANOS = 600_000_000_000L;

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
                .integer("timeout-seconds", "time budget of pre-initialisation (CPython's start and the import of the app); "
                        + "when it runs out the build fails and shows where the app's Python code was", 120, 1, 86_400)
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
                .filter(p -> Files.isRegularFile(p.resolve(SelectedWorld.FILE)))
                .map(p -> WorldView.load(ctx.app(), SelectedWorld.read(p)).imports().stream()
                        .map(WorldView::describe).toList())
                .orElse(java.util.List.of());
        boolean compiler = "compiler".equals(ctx.config().string("engine"));
        java.util.Optional<PrunedBuiltins> pruned = Pruning.of(ctx);

        long t0 = System.nanoTime();
        WasmModule parsed = Engines.parse(runtime, compiler ? Engines.defaultCompilerCache() : null);
        Function<Instance, Machine> machines = compiler
                ? Engines.compiled(parsed, Engines.defaultCompilerCache())
                : Engines.interpreter();
        long t1 = System.nanoTime();
        if (compiler) progress.status(String.format("runtime as JVM bytecode in %.1f s (compiled once per runtime module)", (t1 - t0) / 1e9));

        long budgetSeconds = ctx.config().integer("timeout-seconds");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Capture stderr = new Capture();
        AtomicReference<byte[]> memory = new AtomicReference<>();
        AtomicReference<long[]> globals = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>();
        AtomicReference<String> pythonStack = new AtomicReference<>("");
        AtomicBoolean expired = new AtomicBoolean();
        AtomicLong appStart = new AtomicLong(); // System.nanoTime() when the app's own code may start running
        AtomicLong appDone = new AtomicLong();  // System.nanoTime() when the app was imported
        AtomicLong imageDropped = new AtomicLong(); // image bytes left out: the snapshot holds those modules live
        AtomicReference<String> startedHow = new AtomicReference<>("");
        StartedState.Store store = StartedState.Store.of(UserCache.root(), runtime);
        Thread worker = new Thread(null, () -> {
            Instance instance = null;
            long stackPointer = 0;
            AtomicReference<BuildTime> time = new AtomicReference<>(new BuildTime(0, 0));
            AtomicReference<byte[]> served = new AtomicReference<>(image); // what the runtime's image_read gives
            try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
                    .withArguments(List.of("python"))
                    .withClock(Clock.fixed(BUILD_TIME, ZoneOffset.UTC))
                    .withRandom(new Random(0))
                    .withStdout(stdout, false)
                    .withStderr(stderr, false)
                    .build()).build()) {
                try {
                    java.util.function.Supplier<Instance> fresh = () -> Instance.builder(parsed)
                            .withImportValues(ImportValues.builder().addFunction(buildTimeWasi(wasi.toHostFunctions(), time))
                                    .addFunction(pipelineImports(served, importNames))
                                    .addFunction(wasiP2Imports(parsed, wasi.toHostFunctions())).build())
                            .withMachineFactory(machines)
                            .withStart(false)
                            .build();
                    // CPython's own start, from the cache when another build of this runtime already made it
                    StartedState base = hasExport(parsed, "pipeline_start_base")
                            ? startedState(fresh, time, served, image, store, startedHow) : null;
                    instance = fresh.get();
                    if (base != null) {
                        time.set(base.restore(instance));
                    } else {
                        time.set(new BuildTime(0, 0));
                        instance.export("_initialize").apply();
                    }
                    // after a start from a base image, its modules are live: the app's image comes without them
                    served.set(base != null ? StartedState.withoutBase(ModuleImage.decode(image), base.baseNames) : image);
                    // builtins = "prune": the modules to cut are refused from the start, as if they were not linked
                    if (pruned.isPresent()) instance.memory().write((int) pruned.get().listAddress(), pruned.get().listBytes());
                    stackPointer = stackPointer(instance);
                    // CPython's own start first, when the runtime offers it apart: the budget is for the app's code
                    boolean started = !hasExport(parsed, "pipeline_start_python")
                            || instance.export("pipeline_start_python").apply()[0] == 0;
                    appStart.set(System.nanoTime());
                    status.set(started ? (int) instance.export("pipeline_init").apply()[0] : 1);
                    appDone.set(System.nanoTime());
                    if (status.get() == 0 && hasExport(parsed, "pipeline_snapshot_prepare")) {
                        long dropped = instance.export("pipeline_snapshot_prepare").apply()[0];
                        if (dropped < 0) status.set(1); else imageDropped.set(dropped);
                    }
                    StartedState finished = StartedState.capture(instance, time.get()); // memory and globals, as for a start
                    byte[] bytes = finished.memory;
                    // the stack lies below the stack pointer's start (wasm-ld --stack-first): whatever is left there
                    // is dead frames, not state
                    if (stackPointer > 0 && stackPointer(instance) == stackPointer && stackFirst(parsed, stackPointer)) {
                        java.util.Arrays.fill(bytes, 0, (int) stackPointer, (byte) 0);
                    }
                    if (pruned.isPresent()) pruned.get().clearData(bytes);
                    memory.set(bytes);
                    globals.set(finished.globals);
                } catch (Throwable t) {
                    failure.set(t);
                    // the runtime was stopped mid-way: its memory still holds the Python frames, so ask it where it was
                    if (instance != null && stackPointer != 0) pythonStack.set(pythonStack(instance, stackPointer, stderr));
                }
            }
        }, "pipeline-preinit", STACK_BYTES);
        worker.setDaemon(true);
        long started = System.nanoTime();
        worker.start();
        while (worker.isAlive()) {
            worker.join(50);
            long app = appStart.get();
            long now = System.nanoTime();
            if (app != 0 ? now - app > budgetSeconds * 1_000_000_000L : now - started > PYTHON_START_LIMIT_NANOS) break;
        }
        if (worker.isAlive()) {
            // Chicory checks the thread's interrupt flag at calls and backward jumps (interpreter and compiled code):
            // the runtime stops where it is, with a ChicoryInterruptedException
            expired.set(true);
            worker.interrupt();
            worker.join(STOP_GRACE_MILLIS);
        }
        long t2 = System.nanoTime();
        String err = stderr.toString(StandardCharsets.UTF_8).strip();
        if (expired.get() && status.get() == null && appStart.get() == 0) {
            throw new PipelineException(Diagnostic.error("pre-initialisation: CPython did not start within "
                    + PYTHON_START_LIMIT_NANOS / 1_000_000_000L + " s" + (err.isEmpty() ? "" : "\n" + err))
                    .withHint("this is before any of the app's code runs; try init = \"none\" and report it"));
        }
        if (expired.get() && status.get() == null) {
            throw new PipelineException(Diagnostic.error("pre-initialisation did not finish within "
                    + budgetSeconds + " s (the app's module-level code is still running)" + stackText(pythonStack.get(), ctx)
                    + (err.isEmpty() ? "" : "\n" + err)).withHint("module-level code runs at build time: a loop that never "
                    + "ends there never ends the build. Move long work into an export, or raise `timeout-seconds` in "
                    + "[stages.init]"));
        }
        if (failure.get() != null) {
            Throwable f = failure.get();
            if (f instanceof WasiExitException exit) {
                // os._exit() or a C exit() while the app was imported
                throw new PipelineException(Diagnostic.error("the app exited with status " + exit.exitCode()
                        + " at build time, while its module was imported" + (err.isEmpty() ? "" : ":\n" + err))
                        .withHint(EXIT_HINT));
            }
            String why = f instanceof BuildTimeCall b ? b.getMessage() : trapText(f);
            throw new PipelineException(Diagnostic.error("pre-initialisation failed: " + why
                    + stackText(pythonStack.get(), ctx) + (err.isEmpty() ? "" : "\n" + err))
                    .withHint(f instanceof BuildTimeCall b && b.hint != null ? b.hint
                            : ctx.outputOf(Stage.EXTENSIONS).filter(DependencyComponents::presentIn).isPresent()
                            ? "the app's module-level code runs at build time, before the dependency components of "
                            + "extensions = \"component\" are composed with it (see docs/decisions): call the import from an "
                            + "export, or set init = \"none\""
                            : "the app's module-level code runs "
                            + "at build time; calls to the world's imports must wait until an export is called"), f);
        }
        if (status.get() == null || status.get() != 0) throw AppFailure.from(err, ctx.app());
        if (!err.isEmpty()) progress.status("stderr during pre-initialisation:\n" + err);
        String out = stdout.toString(StandardCharsets.UTF_8).strip();
        if (!out.isEmpty()) progress.status("stdout during pre-initialisation:\n" + out);

        if (memory.get() == null || globals.get() == null) {
            throw new PipelineException("pre-initialisation did not finish within " + budgetSeconds + " s");
        }
        long t3 = System.nanoTime();
        Module module = ModuleReader.read(runtime, "runtime.wasm");
        Snapshot.Stats stats = Snapshot.apply(module, memory.get(), globals.get());
        long prunedCode = pruned.map(p -> Pruning.stubFunctions(module, p)).orElse(0L);
        byte[] snapshot = ModuleWriter.write(module);
        Files.write(ctx.output().resolve("runtime.wasm"), snapshot);
        long t4 = System.nanoTime();
        progress.status(String.format("timings: runtime classes %.1f s, CPython start %.1f s" + (startedHow.get().isEmpty() ? "" : " (its own part "
                + startedHow.get() + ")") + ", app import %.1f s, "
                + "snapshot preparation %.1f s, snapshot writing %.1f s; %d KiB of the module image left out (imported at build time)",
                (t1 - t0) / 1e9, (appStart.get() - started) / 1e9, (appDone.get() - appStart.get()) / 1e9,
                (t2 - appDone.get()) / 1e9, (t4 - t3) / 1e9, imageDropped.get() / 1024));
        new InitResult(true, compiler ? "compiler" : "interpreter", stats.pages(), stats.segments(), stats.dataBytes())
                .write(ctx.output());
        pruned.ifPresent(p -> progress.status(String.format("pruned %d built-in modules: %.1f KiB of code and names, %.1f KiB of data",
                p.modules().size(), prunedCode / 1024.0, p.dataBytes() / 1024.0)));
        progress.status(String.format("Python started at build time in %.1f s (%s); %d pages of memory, %d data segments, module %.1f MiB",
                (t2 - t1) / 1e9, compiler ? "compiler" : "interpreter", stats.pages(), stats.segments(), snapshot.length / 1048576.0));
    }

    /**
     * WASI as pre-initialisation sees it. Clocks do not depend on when the build runs: Chicory answers the monotonic
     * clock from {@code System.nanoTime()}, so {@code clock_time_get} is replaced by one where every clock starts at
     * the build instant and advances one microsecond per reading. Sleeping is refused: {@code poll_oneoff} with a
     * clock that has not expired (what {@code time.sleep} does) stops pre-initialisation with a message, since a
     * sleep only delays the build; a wait that is already over returns at once. Random bytes come from {@code time}'s
     * fixed sequence, so that a restored {@link StartedState} continues it.
     */
    private static HostFunction[] buildTimeWasi(HostFunction[] wasi, AtomicReference<BuildTime> time) {
        HostFunction[] out = wasi.clone();
        for (int i = 0; i < out.length; i++) {
            HostFunction original = out[i];
            if (original.name().equals("clock_time_get")) {
                out[i] = new HostFunction(original.module(), original.name(), original.functionType(), (inst, args) -> {
                    inst.memory().writeLong((int) args[2], BUILD_TIME.getEpochSecond() * 1_000_000_000L + 1_000L * time.get().ticks++);
                    return new long[] {0};
                });
            } else if (original.name().equals("random_get")) {
                out[i] = new HostFunction(original.module(), original.name(), original.functionType(), (inst, args) -> {
                    inst.memory().write((int) args[0], time.get().random((int) args[1]));
                    return new long[] {0};
                });
            } else if (original.name().equals("poll_oneoff")) {
                out[i] = new HostFunction(original.module(), original.name(), original.functionType(), (inst, args) -> {
                    long now = BUILD_TIME.getEpochSecond() * 1_000_000_000L + 1_000L * time.get().ticks;
                    Memory mem = inst.memory();
                    int in = (int) args[0];
                    int outPtr = (int) args[1];
                    int n = (int) args[2];
                    int events = 0;
                    boolean others = false;
                    for (int k = 0; k < n; k++) {
                        int sub = in + 48 * k;
                        if (mem.read(sub + 8) != 0) { // not a clock subscription (fd read/write)
                            others = true;
                            continue;
                        }
                        long timeout = mem.readLong(sub + 24);
                        boolean absolute = (mem.readShort(sub + 40) & 1) != 0;
                        long wait = absolute ? timeout - now : timeout;
                        if (wait > 0) {
                            throw new BuildTimeCall(String.format("the app sleeps at build time (a wait of %s s, as "
                                    + "time.sleep does) while its module is imported; pre-initialisation does not sleep, "
                                    + "since a sleep there only delays the build", seconds(wait)),
                                    "move the sleep into a function that runs later (an export), or set init = \"none\"");
                        }
                        int ev = outPtr + 32 * events++;
                        mem.writeLong(ev, mem.readLong(sub));  // userdata
                        mem.writeShort(ev + 8, (short) 0);      // errno: success
                        mem.writeByte(ev + 10, (byte) 0);         // type: clock
                    }
                    if (events == 0 && others) return original.handle().apply(inst, args);
                    mem.writeI32((int) args[3], events);
                    return new long[] {0};
                });
            }
        }
        return out;
    }

    /**
     * CPython's started state for this app image ({@link StartedState}): kept in the cache, or made now from the base
     * image of the names the last start of this runtime imported. When the start tries a name outside them that the
     * app image has, the base image missed a module: it is made again with those names too.
     */
    private static StartedState startedState(java.util.function.Supplier<Instance> fresh, AtomicReference<BuildTime> time,
                                             AtomicReference<byte[]> served, byte[] image, StartedState.Store store,
                                             AtomicReference<String> how) {
        ModuleImage app = ModuleImage.decode(image);
        java.util.Set<String> inImage = new java.util.HashSet<>();
        for (ModuleImage.Module m : app.modules()) inImage.add(m.name());
        java.util.Set<String> domain = store.domain();
        // the names a start from the whole app image tries: the base image holds the app image's modules of those
        java.util.function.Supplier<java.util.Set<String>> discover = () -> {
            java.util.Set<String> names = startBase(fresh, time, served, image).names();
            return names == null ? java.util.Set.<String>of() : names;
        };
        if (!store.knowsNames()) domain.addAll(discover.get());
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] base = StartedState.baseImage(app, domain);
            java.util.Optional<StartedState> kept = store.find(domain, base);
            if (kept.isPresent()) {
                how.set("from the cache");
                kept.get().baseNames = java.util.Set.copyOf(domain);
                return kept.get();
            }
            BaseRun run = startBase(fresh, time, served, base);
            java.util.Set<String> names = run.names();
            if (names == null) { // the usual start says why
                how.set("not kept: it failed from the base image");
                return null;
            }
            boolean missed = names.stream().anyMatch(n -> !domain.contains(n) && inImage.contains(n));
            domain.addAll(names);
            if (!missed) {
                StartedState state = StartedState.capture(run.instance(), time.get());
                state.baseNames = java.util.Set.copyOf(domain);
                try {
                    store.put(domain, base, state);
                    how.set("kept for the next builds");
                } catch (java.io.IOException e) { // a cache that cannot be written only costs the next build its start
                    how.set("not kept: " + e.getMessage());
                }
                return state;
            }
            domain.addAll(discover.get());
        }
        how.set("not kept: the base image kept missing modules");
        return null;
    }

    /** An instance after {@code pipeline_start_base}, and the names that start tried to import (null: it failed). */
    private record BaseRun(Instance instance, java.util.Set<String> names) {}

    /** Runs {@code pipeline_start_base} on a fresh instance serving {@code image}. */
    private static BaseRun startBase(java.util.function.Supplier<Instance> fresh, AtomicReference<BuildTime> time,
                                     AtomicReference<byte[]> served, byte[] image) {
        time.set(new BuildTime(0, 0));
        served.set(image);
        Instance instance = fresh.get();
        instance.export("_initialize").apply();
        return new BaseRun(instance, instance.export("pipeline_start_base").apply()[0] == 0 ? StartedState.lookups(instance) : null);
    }

    private static boolean hasExport(WasmModule module, String name) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name)) return true;
        }
        return false;
    }

    /** Whether the module's stack lies below {@code stackPointer} with no data there (wasm-ld's --stack-first). */
    private static boolean stackFirst(WasmModule module, long stackPointer) {
        var data = module.dataSection();
        for (var segment : data.dataSegments()) {
            if (!(segment instanceof com.dylibso.chicory.wasm.types.ActiveDataSegment active)) continue;
            var offset = active.offsetInstructions();
            if (offset.size() < 1 || offset.get(0).opcode() != com.dylibso.chicory.wasm.types.OpCode.I32_CONST) return false;
            if ((offset.get(0).operand(0) & 0xffffffffL) < stackPointer) return false;
        }
        return true;
    }

    private static String seconds(long nanos) {
        // to the millisecond: an absolute deadline lands a few build-clock ticks (microseconds) short
        return java.math.BigDecimal.valueOf(nanos, 9).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * The value of the runtime's stack pointer (global 0, a mutable i32, as wasm-ld lays out a module) once the
     * runtime is instantiated; 0 when the module has another layout.
     */
    private static long stackPointer(Instance instance) {
        var globals = instance.module().globalSection();
        if (globals.globalCount() == 0 || instance.module().importSection().count(com.dylibso.chicory.wasm.types.ExternalType.GLOBAL) > 0) return 0;
        var g = globals.getGlobal(0);
        if (!ValType.I32.equals(g.valueType()) || g.mutabilityType() != com.dylibso.chicory.wasm.types.MutabilityType.Var) return 0;
        return instance.global(0).getValue();
    }

    /**
     * The Python stack of a runtime that was stopped mid-way (its memory still holds the Python frames): the stack
     * pointer is reset to where it started, then {@code pipeline_dump_stack} writes the frames to stderr. Its output
     * is taken out of {@code stderr} and returned; "" when the runtime cannot tell.
     */
    private static String pythonStack(Instance instance, long stackPointer, Capture stderr) {
        Thread.interrupted(); // a pending interrupt (the time budget) would stop the dump at its first call
        int before = stderr.size();
        try {
            instance.global(0).setValue(stackPointer);
            instance.export("pipeline_dump_stack").apply();
        } catch (Throwable t) {
            stderr.truncate(before);
            return "";
        }
        String text = new String(stderr.toByteArray(), before, stderr.size() - before, StandardCharsets.UTF_8);
        stderr.truncate(before);
        return text;
    }

    private static final java.util.regex.Pattern FRAME = java.util.regex.Pattern.compile("^\\s*File \"(.*)\", line (\\S+) in (.*)$");

    /**
     * The dumped stack as the user reads it, most recent call first: the app's frames with the path of the source
     * file ({@code /app/...} in the image is mapped back to the python-path), importlib's own frames left out.
     */
    static String stackText(String dump, StageContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (String line : dump.split("\n")) {
            java.util.regex.Matcher m = FRAME.matcher(line);
            if (!m.matches() || m.group(1).startsWith("<frozen importlib")) continue;
            sb.append("\n  ").append(sourcePath(m.group(1), ctx)).append(':').append(m.group(2)).append(" in ").append(m.group(3));
        }
        return sb.isEmpty() ? "" : "\nPython stack (most recent call first):" + sb;
    }

    private static String sourcePath(String virtual, StageContext ctx) {
        if (!virtual.startsWith("/app/")) return virtual;
        String rel = virtual.substring("/app/".length());
        for (Path root : ctx.app().pythonPath()) {
            Path p = root.resolve(rel);
            if (Files.isRegularFile(p)) return p.toString();
        }
        return virtual;
    }

    /** What a trap or engine error means, in one line. */
    private static String trapText(Throwable f) {
        String message = String.valueOf(f.getMessage());
        if (f instanceof StackOverflowError || message.contains("call stack exhausted")) {
            return "the runtime ran out of stack (the app recursed too deeply, e.g. into C code with deeply nested data)";
        }
        if (f instanceof com.dylibso.chicory.wasi.WasiExitException exit) {
            return "the app ended the process (exit code " + exit.exitCode() + ", e.g. os._exit) while its module was imported";
        }
        return "the runtime trapped: " + f;
    }

    /** stderr of the runtime, from which the dumped Python stack can be taken out again. */
    private static final class Capture extends ByteArrayOutputStream {
        synchronized void truncate(int size) {
            count = Math.min(count, size);
        }
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
        final String hint;

        BuildTimeCall(String message) {
            this(message, null);
        }

        BuildTimeCall(String message, String hint) {
            super(message);
            this.hint = hint;
        }
    }

    /**
     * The WASI 0.2 functions a wasip2 runtime imports directly (its libc implements sockets on wasi:sockets):
     * pre-initialisation has no network, so each one stops it with a message that names the call.
     */
    static HostFunction[] wasiP2Imports(WasmModule module, HostFunction[] preview1) {
        java.util.Set<String> provided = new java.util.HashSet<>();
        for (HostFunction h : preview1) provided.add(h.module() + "." + h.name());
        List<HostFunction> out = new java.util.ArrayList<>();
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            // wasi:* interfaces, and the adapter's own additions to preview1 (adapter_open_badfd, which wasi-libc for
            // wasip2 calls when it gives a socket a descriptor)
            if (!(imports.getImport(i) instanceof com.dylibso.chicory.wasm.types.FunctionImport f)
                    || !(f.module().startsWith("wasi:") || f.module().equals("wasi_snapshot_preview1")
                    && f.name().startsWith("adapter_") && !provided.contains(f.module() + "." + f.name()))) continue;
            String call = f.module() + "." + f.name();
            boolean sockets = f.module().startsWith("wasi:sockets/") || f.name().endsWith("_badfd");
            FunctionType type = module.typeSection().getType(f.typeIndex());
            HostFunction zeroWait = zeroWaitPolling(f.module(), f.name(), type);
            if (zeroWait != null) {
                out.add(zeroWait);
                continue;
            }
            out.add(new HostFunction(f.module(), f.name(), type, (inst, args) -> {
                throw new BuildTimeCall("the app " + (sockets ? "used a socket" : "called WASI " + f.module())
                        + " at build time (" + call + ") while its module was imported; pre-initialisation has no network",
                        "open connections in a function that runs later (an export, or asyncio.run in main), "
                                + "or set init = \"none\"");
            }));
        }
        return out.toArray(HostFunction[]::new);
    }

    /**
     * libc's poll() with a zero timeout, as the selectors module does when it is imported (it checks that poll
     * works): a monotonic-clock pollable for a zero duration is ready at once, so {@code wasi:io/poll.poll} reports
     * every pollable ready (no other pollable can exist at build time). A longer duration is a sleep, refused as
     * the preview1 clock is. Null for any other function.
     */
    private static HostFunction zeroWaitPolling(String module, String name, FunctionType type) {
        if (module.startsWith("wasi:clocks/monotonic-clock@") && name.equals("subscribe-duration")) {
            return new HostFunction(module, name, type, (inst, args) -> {
                if (args[0] > 0) {
                    throw new BuildTimeCall(String.format("the app waits at build time (a wait of %s s) while its "
                            + "module is imported; pre-initialisation does not sleep, since a sleep there only delays "
                            + "the build", seconds(args[0])), "move the wait into a function that runs later (an export), "
                            + "or set init = \"none\"");
                }
                return new long[] {1};
            });
        }
        if (module.startsWith("wasi:io/poll@") && name.equals("poll")) {
            return new HostFunction(module, name, type, (inst, args) -> {
                int n = (int) args[1];
                int list = (int) inst.export("cabi_realloc").apply(0, 0, 4, 4L * n)[0];
                for (int k = 0; k < n; k++) inst.memory().writeI32(list + 4 * k, k);
                inst.memory().writeI32((int) args[2], list);
                inst.memory().writeI32((int) args[2] + 4, n);
                return null;
            });
        }
        if (module.startsWith("wasi:io/poll@") && (name.equals("[resource-drop]pollable") || name.equals("[method]pollable.block"))) {
            return new HostFunction(module, name, type, (inst, args) -> null);
        }
        return null;
    }

    private static HostFunction[] pipelineImports(AtomicReference<byte[]> served, List<String> importNames) {
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
            new HostFunction("pipeline", "image_size", FunctionType.of(none, i32), (inst, args) -> new long[] {served.get().length}),
            new HostFunction("pipeline", "image_read", FunctionType.of(i32, none), (inst, args) -> {
                inst.memory().write((int) args[0], served.get());
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
