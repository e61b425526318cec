package dev.pipeline.jvmhost;

import dev.pipeline.jvmhost.chicory.RunnerThread;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.pipeline.api.abi.Layout;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.jvmhost.abi.FlatReader;
import dev.pipeline.jvmhost.abi.Guest;
import dev.pipeline.jvmhost.abi.LongList;
import dev.pipeline.jvmhost.abi.ValueCodec;
import dev.pipeline.jvmhost.abi.ValueException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One running instance of a {@link PythonComponent}: its own linear memory, Python interpreter state, WASI context
 * and resource handles, shared with no other instance. Calls run one at a time, on the instance's own thread (with
 * a large stack) unless {@link InstanceOptions.Builder#callerThread}. After a trap the instance refuses further
 * calls; make a new one.
 */
public final class PythonInstance implements AutoCloseable {
    private final PythonComponent component;
    private final ValueCodec codec;
    private final InstanceOptions options;
    private final RunnerThread runner;
    private final WasiPreview1 wasi;
    private final CallCapture stderr;
    private final Instance instance;
    private final ExportFunction realloc;
    private final Map<String, ExportFunction> coreExports = new HashMap<>();
    private final java.util.Set<String> missingPostReturns = new java.util.HashSet<>();
    /** Instances of a composition's dependency components, closed with this one. */
    final List<PythonInstance> dependencies = new java.util.ArrayList<>();
    private final Map<Integer, Entry> handles = new HashMap<>();
    private final GuestView guest = new GuestView();
    private int nextHandle = 1;
    private String trapped;
    private boolean closed;
    private final long instantiateMicros;

    /** A live handle: an exported resource's rep, or an imported resource's Java object. */
    private record Entry(WorldResource resource, int rep, Object object, boolean owned) {}

    PythonInstance(PythonComponent component, InstanceOptions options) {
        long t0 = System.nanoTime();
        this.component = component;
        this.codec = component.codec();
        this.options = options;
        this.runner = options.callerThread ? null : new RunnerThread("python-instance", options.stackBytes);
        for (String name : options.imports.functions().keySet()) {
            if (component.importNamed(name) == null) {
                List<String> known = component.imports().stream().map(FunctionInfo::name).toList();
                throw new IllegalArgumentException("Imports names `" + name + "`, which " + component.name()
                        + " does not import; its imports: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        this.stderr = new CallCapture(options.stderr);
        WasiOptions.Builder w = WasiOptions.builder()
                .withStdout(options.stdout, false)
                .withStderr(stderr, false)
                .withStdin(options.stdin, false)
                .withArguments(options.args)
                .withClock(options.clock)
                .withRandom(options.random);
        options.env.forEach(w::withEnvironment);
        options.preopens.forEach(w::withDirectory);
        this.wasi = WasiPreview1.builder().withOptions(w.build()).build();
        ImportValues.Builder imports = ImportValues.builder().addFunction(wasi.toHostFunctions());
        for (PythonComponent.ImportBinding b : component.importBindings()) imports.addFunction(hostFunction(b));
        ImportValues values = imports.build();
        this.instance = run(() -> {
            Instance i = Instance.builder(component.module())
                    .withImportValues(values)
                    .withMachineFactory(component.machines())
                    .withStart(false)
                    .build();
            if (component.hasInitialize()) i.export("_initialize").apply();
            return i;
        });
        this.realloc = instance.export("cabi_realloc");
        this.instantiateMicros = (System.nanoTime() - t0) / 1000;
    }

    /** The component this instance runs. */
    public PythonComponent component() {
        return component;
    }

    /** Microseconds instantiation took. */
    public long instantiateMicros() {
        return instantiateMicros;
    }

    /** An export by name (see {@link FunctionInfo} for the accepted spellings), for repeated calls. */
    public ExportedFunction function(String name) {
        return new ExportedFunction(this, component.export(name));
    }

    /** Calls an export with Java arguments; returns the Java result (null without one). */
    public Object call(String export, Object... args) {
        return invoke(component.export(export), args);
    }

    /** True after a call trapped. */
    public boolean isTrapped() {
        return trapped != null;
    }

    Object invoke(PythonComponent.Export e, Object[] args) {
        WitFunction fn = e.function().function();
        if (args == null) args = new Object[] {null};
        if (args.length != fn.params().size()) {
            throw new IllegalArgumentException("`" + e.info().name() + "` takes " + fn.params().size() + " argument"
                    + (fn.params().size() == 1 ? "" : "s") + ", got " + args.length + " (" + e.info().signature() + ")");
        }
        Object[] a = args;
        return run(() -> {
            if (closed) throw new IllegalStateException("the instance is closed");
            if (trapped != null) throw new IllegalStateException("the instance trapped earlier (" + trapped + "); make a new instance");
            long[] flat = lowerParams(e, a);
            stderr.startCall();
            long[] res;
            try {
                res = core(e.coreName()).apply(flat);
            } catch (Throwable t) {
                throw trap(e.info().name(), t);
            }
            Object out = null;
            if (fn.result() != null) {
                try {
                    out = e.sig().resultsIndirect()
                            ? codec.load(guest, fn.result(), (int) res[0])
                            : codec.liftFlat(guest, fn.result(), new FlatReader(res));
                } catch (RuntimeException t) {
                    throw trap(e.info().name(), t);
                }
            }
            try {
                ExportFunction post = postReturn(e.coreName());
                if (post != null) post.apply(res);
            } catch (Throwable t) {
                throw trap(e.info().name(), t);
            }
            return out;
        });
    }

    private long[] lowerParams(PythonComponent.Export e, Object[] args) {
        List<WitFunction.Param> params = e.function().function().params();
        int i = 0;
        try {
            if (e.sig().paramsIndirect()) {
                List<WitType> types = params.stream().map(WitFunction.Param::type).toList();
                Layout layout = codec.abi().recordLayout(types);
                int ptr = guest.alloc(layout.align(), layout.size());
                for (; i < params.size(); i++) codec.store(guest, types.get(i), args[i], ptr + layout.offsets().get(i));
                return new long[] {ptr};
            }
            LongList out = new LongList();
            for (; i < params.size(); i++) codec.lowerFlat(guest, params.get(i).type(), args[i], out);
            return out.toArray();
        } catch (ValueException | ArithmeticException x) {
            throw new IllegalArgumentException("`" + e.info().name() + "` argument " + (i + 1) + " (" + params.get(i).name()
                    + ": " + codec.typeName(params.get(i).type()) + "): " + x.getMessage(), x);
        }
    }

    /** The core export {@code cabi_post_<name>}, or null when the module has none (nothing to free). */
    private ExportFunction postReturn(String coreName) {
        String name = "cabi_post_" + coreName;
        if (missingPostReturns.contains(name)) return null;
        try {
            return core(name);
        } catch (com.dylibso.chicory.wasm.InvalidException x) {
            missingPostReturns.add(name);
            return null;
        }
    }

    private ExportFunction core(String name) {
        ExportFunction f = coreExports.get(name);
        if (f == null) {
            f = instance.export(name);
            coreExports.put(name, f);
        }
        return f;
    }

    private ComponentTrapException trap(String function, Throwable t) {
        String err = stripAnsi(stderr.callText());
        String why = t instanceof ImportFailure ? t.getMessage() : lastLine(err);
        if (why == null) why = t.getMessage() == null ? t.toString() : t.getMessage();
        trapped = "`" + function + "`: " + why;
        return new ComponentTrapException("`" + function + "` trapped: " + why, err, t instanceof ImportFailure f ? f.getCause() : t);
    }

    private static String stripAnsi(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    /** The exception line of a traceback: the last line that is not the runtime's own trap notice. */
    private static String lastLine(String err) {
        List<String> lines = err.lines().filter(l -> !l.isBlank() && !l.startsWith("pipeline runtime:")).toList();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1).strip();
    }

    // ------------------------------------------------------------------------------------------ imports

    private HostFunction hostFunction(PythonComponent.ImportBinding b) {
        if (b instanceof PythonComponent.ResourceIntrinsic r) {
            return new HostFunction(b.module(), b.name(), b.type(), (inst, args) -> resourceIntrinsic(r, (int) args[0]));
        }
        PythonComponent.WorldImport w = (PythonComponent.WorldImport) b;
        ImportFunction impl = null;
        for (Map.Entry<String, ImportFunction> e : options.imports.functions().entrySet()) {
            if (component.importNamed(e.getKey()) == w.function()) impl = e.getValue();
        }
        ImportFunction chosen = impl;
        return new HostFunction(b.module(), b.name(), b.type(), (inst, args) -> callImport(w, chosen, args));
    }

    private long[] resourceIntrinsic(PythonComponent.ResourceIntrinsic r, int arg) {
        switch (r.op()) {
            case "[resource-new]" -> {
                int h = nextHandle++;
                handles.put(h, new Entry(r.resource(), arg, null, true));
                return new long[] {h};
            }
            case "[resource-rep]" -> {
                return new long[] {entry(r.resource(), arg).rep()};
            }
            default -> {
                Entry e = entry(r.resource(), arg);
                handles.remove(arg);
                if (r.resource().exported()) {
                    core(dtorName(r.resource())).apply(e.rep());
                } else if (e.owned() && e.object() instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception x) {
                        throw new ImportFailure("closing " + r.resource().name() + " failed: " + x, x);
                    }
                }
                return null;
            }
        }
    }

    private static String dtorName(WorldResource r) {
        return (r.interfaceKey() == null ? "" : r.interfaceKey() + "#") + "[dtor]" + r.name();
    }

    private Entry entry(WorldResource r, int handle) {
        Entry e = handles.get(handle);
        if (e == null || e.resource() != r) throw new IllegalStateException("unknown handle " + handle + " of resource " + r.name());
        return e;
    }

    private long[] callImport(PythonComponent.WorldImport w, ImportFunction impl, long[] args) {
        WitFunction fn = w.function().function();
        List<WitFunction.Param> params = fn.params();
        Object[] jargs = new Object[params.size()];
        if (w.sig().paramsIndirect()) {
            List<WitType> types = params.stream().map(WitFunction.Param::type).toList();
            Layout layout = codec.abi().recordLayout(types);
            for (int i = 0; i < jargs.length; i++) jargs[i] = codec.load(guest, types.get(i), (int) args[0] + layout.offsets().get(i));
        } else {
            FlatReader in = new FlatReader(args);
            for (int i = 0; i < jargs.length; i++) jargs[i] = codec.liftFlat(guest, params.get(i).type(), in);
        }
        WitType resultType = fn.result() == null ? null : component.world().resolve().dealias(fn.result());
        boolean isResult = resultType instanceof WitType.ResultType;
        Object result;
        try {
            result = impl != null ? impl.call(jargs) : options.fallback.call(w.info(), jargs);
        } catch (ComponentErrorException err) {
            if (!isResult) throw new ImportFailure("import `" + w.info().name() + "` threw " + err.getMessage()
                    + ", but its WIT result is not a result", err);
            result = Result.err(err.value());
        } catch (RuntimeException | Error x) {
            throw new ImportFailure("import `" + w.info().name() + "` failed: " + x.getMessage(), x);
        } catch (Exception x) {
            throw new ImportFailure("import `" + w.info().name() + "` failed: " + x, x);
        }
        if (fn.result() == null) return null;
        if (isResult && !(result instanceof Result)) result = Result.ok(result);
        try {
            if (w.sig().resultsIndirect()) {
                codec.store(guest, fn.result(), result, (int) args[args.length - 1]);
                return null;
            }
            LongList out = new LongList();
            codec.lowerFlat(guest, fn.result(), result, out);
            return new long[] {out.toArray()[0]};
        } catch (ValueException x) {
            throw new ImportFailure("import `" + w.info().name() + "` returned a value that does not fit "
                    + codec.typeName(fn.result()) + ": " + x.getMessage(), x);
        }
    }

    /** An import implementation failed; the export call traps with this message. */
    static final class ImportFailure extends RuntimeException {
        ImportFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------------------------------ resources

    void dropExported(ResourceHandle h) {
        run(() -> {
            if (closed || trapped != null) return null;
            Entry e = handles.remove(h.handle());
            if (e == null) return null;
            try {
                core(dtorName(e.resource())).apply(e.rep());
            } catch (Throwable t) {
                throw trap("[dtor]" + e.resource().name(), t);
            }
            return null;
        });
    }

    /** Handles Java holds or lent (exported resources' handles and imported resources' objects), for tests. */
    public int liveHandles() {
        return run(handles::size);
    }

    /** The codec's view of this instance. */
    private final class GuestView implements Guest {
        @Override
        public Memory memory() {
            return instance.memory();
        }

        @Override
        public int alloc(int align, int size) {
            return (int) realloc.apply(0, 0, align, size)[0];
        }

        @Override
        public int lowerHandle(WorldResource r, boolean borrow, Object value) {
            if (r.exported()) {
                if (!(value instanceof ResourceHandle h) || h.instance() != PythonInstance.this || !h.resource().equals(r.name())) {
                    throw new ValueException("expected a ResourceHandle of `" + r.name() + "` from this instance, got " + value);
                }
                if (h.isGone()) throw new ValueException(h + " was dropped or moved into the component");
                Entry e = handles.get(h.handle());
                if (e == null) throw new ValueException(h + " is no longer valid");
                if (borrow) return e.rep();
                h.markGone();
                return h.handle();
            }
            if (value == null) throw new ValueException("expected a Java object for resource `" + r.name() + "`, got null");
            int handle = nextHandle++;
            handles.put(handle, new Entry(r, 0, value, !borrow));
            return handle;
        }

        @Override
        public Object liftHandle(WorldResource r, boolean borrow, int value) {
            if (r.exported()) {
                entry(r, value);
                return new ResourceHandle(PythonInstance.this, r.name(), value, !borrow);
            }
            Entry e = entry(r, value);
            if (!borrow) handles.remove(value);
            return e.object();
        }
    }

    // ------------------------------------------------------------------------------------------ threading

    private <T> T run(Callable<T> task) {
        if (runner == null || runner.isCurrent()) {
            synchronized (this) {
                return RunnerThread.direct(task);
            }
        }
        return runner.call(task);
    }

    /** Releases the instance's thread and WASI resources; its memory goes with it. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (PythonInstance d : dependencies) d.close();
        wasi.close();
        if (runner != null) runner.close();
    }

    /** Passes the component's stderr through and keeps what the current call wrote (up to 256 KiB). */
    private static final class CallCapture extends OutputStream {
        private static final int LIMIT = 256 * 1024;
        private final OutputStream target;
        private final ByteArrayOutputStream call = new ByteArrayOutputStream();

        CallCapture(OutputStream target) {
            this.target = target;
        }

        synchronized void startCall() {
            call.reset();
        }

        synchronized String callText() {
            return call.toString(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target.write(b);
            if (call.size() < LIMIT) call.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            if (call.size() < LIMIT) call.write(b, off, Math.min(len, LIMIT - call.size()));
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
