package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import dev.pipeline.jvmhost.chicory.RunnerThread;

/**
 * One instance of the pipeline runtime core module (runtime.wasm) on Chicory, with WASI preview1 (no preopens,
 * no environment) and the {@code pipeline.*} imports supplied from Java: the module image bytes, a
 * {@link ImportHandler} for {@code call_import}, and a {@link ResourceTable} for resource handles.
 *
 * <p>Calls run on a private thread with a large stack (the compiled module recurses deeply on the JVM stack),
 * so callers need no {@code -Xss}. A trap surfaces as Chicory's exception; the instance must not be used after.
 *
 * <pre>{@code
 * try (PipelineRuntime rt = PipelineRuntime.builder(engine).image(bytes).importHandler(h).build()) {
 *     rt.init();
 *     long[] out = rt.dispatch(0, new long[] {42}, 1);
 * }
 * }</pre>
 */
public final class PipelineRuntime implements AutoCloseable {
    /** Default bytes of stack for the thread that runs the module (deep Python recursion needs a lot, see docs). */
    public static final long THREAD_STACK_BYTES = 128L << 20;
    private static final int SCRATCH_SLOTS = 64;

    private final RunnerThread thread;
    private final byte[] image;
    private final ImportHandler importHandler;
    private final ResourceTable resources = new ResourceTable();
    private final WasiPreview1 wasi;
    private final Instance instance;
    private final ExportFunction dispatch, postReturn, realloc, dtor;
    private int scratch;

    private PipelineRuntime(Builder b) {
        this.image = b.image;
        this.importHandler = b.importHandler;
        this.thread = new RunnerThread("pipeline-runtime", b.threadStackBytes);
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(List.of("runtime"))
                .withRandom(new Random(b.seed));
        if (b.stdout != null) options.withStdout(b.stdout, false);
        if (b.stderr != null) options.withStderr(b.stderr, false);
        this.wasi = WasiPreview1.builder().withOptions(options.build()).build();
        ImportValues imports = ImportValues.builder()
                .addFunction(wasi.toHostFunctions())
                .addFunction(pipelineImports())
                .build();
        this.instance = run(() -> {
            Instance i = Instance.builder(b.engine.module())
                    .withImportValues(imports)
                    .withMachineFactory(b.engine.machineFactory())
                    .withStart(false)
                    .build();
            i.export("_initialize").apply();
            return i;
        });
        if (b.snapshot != null) run(() -> restore(b.snapshot));
        this.dispatch = instance.export("pipeline_dispatch");
        this.postReturn = instance.export("pipeline_post_return");
        this.realloc = instance.export("cabi_realloc");
        this.dtor = instance.export("pipeline_resource_dtor");
    }

    private HostFunction[] pipelineImports() {
        List<ValType> i32 = List.of(ValType.I32);
        List<ValType> none = List.of();
        return new HostFunction[] {
            new HostFunction("pipeline", "call_import", FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), none),
                    (inst, args) -> {
                        if (importHandler == null) throw new IllegalStateException("no import handler for import " + args[0]);
                        importHandler.call(this, (int) args[0], (int) args[1], (int) args[2]);
                        return null;
                    }),
            new HostFunction("pipeline", "image_size", FunctionType.of(none, i32),
                    (inst, args) -> new long[] {image.length}),
            new HostFunction("pipeline", "image_read", FunctionType.of(i32, none),
                    (inst, args) -> {
                        inst.memory().write((int) args[0], image);
                        return null;
                    }),
            new HostFunction("pipeline", "resource_new", FunctionType.of(List.of(ValType.I32, ValType.I32), i32),
                    (inst, args) -> new long[] {resources.create((int) args[0], (int) args[1])}),
            new HostFunction("pipeline", "resource_rep", FunctionType.of(List.of(ValType.I32, ValType.I32), i32),
                    (inst, args) -> new long[] {resources.rep((int) args[0], (int) args[1])}),
            new HostFunction("pipeline", "resource_drop", FunctionType.of(List.of(ValType.I32, ValType.I32), none),
                    (inst, args) -> {
                        ResourceTable.Entry e = resources.drop((int) args[0], (int) args[1]);
                        if (e != null) dtor.apply(e.resource(), e.rep());
                        return null;
                    }),
        };
    }

    /** Starts a runtime from an engine. */
    public static Builder builder(RuntimeEngine engine) {
        return new Builder(engine);
    }

    /** Calls {@code pipeline_init}; returns its status (0 = ok). */
    public int init() {
        return run(() -> (int) instance.export("pipeline_init").apply()[0]);
    }

    /**
     * Calls {@code pipeline_dispatch(index, params, results)}; returns the one results slot (results never take
     * more than one slot: larger results come back as a pointer in it).
     */
    public long[] dispatch(int exportIndex, long[] flatParams) {
        return dispatch(exportIndex, flatParams, 1);
    }

    /**
     * Calls {@code pipeline_dispatch(index, params, results)} with the given flat params (one long per slot,
     * the value in the low bits) and returns {@code resultSlots} result slots.
     */
    public long[] dispatch(int exportIndex, long[] flatParams, int resultSlots) {
        return run(() -> {
            int base = scratch();
            if (flatParams.length + resultSlots > SCRATCH_SLOTS) throw new IllegalArgumentException("too many slots");
            Memory m = instance.memory();
            for (int i = 0; i < SCRATCH_SLOTS; i++) m.writeLong(base + 8 * i, 0);
            for (int i = 0; i < flatParams.length; i++) m.writeLong(base + 8 * i, flatParams[i]);
            int results = base + 8 * (SCRATCH_SLOTS / 2);
            dispatch.apply(exportIndex, base, results);
            long[] out = new long[resultSlots];
            for (int i = 0; i < resultSlots; i++) out[i] = m.readLong(results + 8 * i);
            return out;
        });
    }

    /** Calls {@code pipeline_post_return(index)}. */
    public void postReturn(int exportIndex) {
        run(() -> postReturn.apply(exportIndex));
    }

    /** Captures memory and globals (call after {@link #init()}, between calls). */
    public RuntimeSnapshot snapshot() {
        return run(() -> {
            Memory m = instance.memory();
            byte[] bytes = m.readBytes(0, m.pages() * Memory.PAGE_SIZE);
            long[] globals = new long[instance.globalCount()];
            for (int i = 0; i < globals.length; i++) globals[i] = instance.global(i).getValue();
            return new RuntimeSnapshot(bytes, globals);
        });
    }

    private void restore(RuntimeSnapshot s) {
        Memory m = instance.memory();
        int pages = s.memory().length / Memory.PAGE_SIZE;
        if (m.pages() < pages) m.grow(pages - m.pages());
        m.write(0, s.memory());
        for (int i = 0; i < s.globals().length; i++) {
            if (instance.global(i).getMutabilityType() == com.dylibso.chicory.wasm.types.MutabilityType.Var) {
                instance.global(i).setValue(s.globals()[i]);
            }
        }
    }

    /** Drops a handle of an exported resource as the host would: removes it and runs the runtime's destructor. */
    public void dropExported(int resource, int handle) {
        run(() -> {
            ResourceTable.Entry e = resources.drop(resource, handle);
            if (e == null) throw new IllegalArgumentException("no handle " + handle + " of resource " + resource);
            dtor.apply(e.resource(), e.rep());
        });
    }

    /** Allocates in the module's memory with {@code cabi_realloc}; returns the address. */
    public int alloc(int size, int align) {
        return run(() -> (int) realloc.apply(0, 0, align, size)[0]);
    }

    /** Copies bytes into freshly allocated memory (as canon lower would); returns the address. */
    public int allocBytes(byte[] bytes, int align) {
        int p = alloc(bytes.length, align);
        if (bytes.length > 0) memory().write(p, bytes);
        return p;
    }

    /** A string as the two flat values (pointer, UTF-8 length) of freshly allocated memory. */
    public long[] allocString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new long[] {allocBytes(utf8, 1), utf8.length};
    }

    /** Reads a UTF-8 string of len bytes at ptr. */
    public String readString(int ptr, int len) {
        return new String(memory().readBytes(ptr, len), StandardCharsets.UTF_8);
    }

    /** Reads slot i (8 bytes, little-endian) of a slot array at base. */
    public long slot(int base, int i) {
        return memory().readLong(base + 8 * i);
    }

    /** Writes slot i of a slot array at base. */
    public void setSlot(int base, int i, long value) {
        memory().writeLong(base + 8 * i, value);
    }

    /** The module's linear memory. */
    public Memory memory() {
        return instance.memory();
    }

    /** The underlying Chicory instance. */
    public Instance instance() {
        return instance;
    }

    /** The host's resource handles. */
    public ResourceTable resources() {
        return resources;
    }

    private int scratch() {
        if (scratch == 0) scratch = (int) realloc.apply(0, 0, 8, 8 * SCRATCH_SLOTS)[0];
        return scratch;
    }

    /** Runs on the runtime thread (re-entrant calls from host functions run directly). */
    private <T> T run(Callable<T> task) {
        return thread.call(task);
    }

    private void run(Runnable task) {
        run(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        wasi.close();
        thread.close();
    }

    /** Configures a {@link PipelineRuntime}. */
    public static final class Builder {
        private final RuntimeEngine engine;
        private byte[] image = new byte[0];
        private ImportHandler importHandler;
        private OutputStream stdout, stderr;
        private long seed = 0;
        private RuntimeSnapshot snapshot;
        private long threadStackBytes = THREAD_STACK_BYTES;

        private Builder(RuntimeEngine engine) {
            this.engine = engine;
        }

        /** The module image ({@code PLIM}) handed out by {@code image_size}/{@code image_read}. */
        public Builder image(byte[] image) {
            this.image = image.clone();
            return this;
        }

        /** Answers {@code call_import}. */
        public Builder importHandler(ImportHandler handler) {
            this.importHandler = handler;
            return this;
        }

        /** Where the module's stdout goes (default: discarded). */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /** Where the module's stderr goes (default: discarded). */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /** Seed of WASI random_get (deterministic runs). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Stack size of the thread that runs the module. */
        public Builder threadStackBytes(long bytes) {
            this.threadStackBytes = bytes;
            return this;
        }

        /** Starts from a snapshot of an initialised instance instead of a fresh state ({@code init()} is then a no-op). */
        public Builder restore(RuntimeSnapshot snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        /** Instantiates the module and runs {@code _initialize} (not {@code pipeline_init}). */
        public PipelineRuntime build() {
            return new PipelineRuntime(this);
        }
    }
}
