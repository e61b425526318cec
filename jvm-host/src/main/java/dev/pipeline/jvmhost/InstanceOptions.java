package dev.pipeline.jvmhost;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How an instance is set up: the Java implementations of the world's imports and what WASI shows the component
 * (Chicory's WASI preview1): standard streams, environment, arguments, clock, random source, and folders it may
 * open (none by default: no file access).
 */
public final class InstanceOptions {
    final Imports imports;
    final ImportFallback fallback;
    final OutputStream stdout, stderr;
    final InputStream stdin;
    final Map<String, String> env;
    final List<String> args;
    final Clock clock;
    final Random random;
    final Map<String, Path> preopens;
    final boolean callerThread;
    final long stackBytes;

    /** These options with {@code more} import implementations added (a composition's dependencies). */
    InstanceOptions withImports(Imports more) {
        return new InstanceOptions(this, Imports.builder().addAll(imports).addAll(more).build());
    }

    private InstanceOptions(InstanceOptions o, Imports imports) {
        this.imports = imports;
        fallback = o.fallback;
        stdout = o.stdout;
        stderr = o.stderr;
        stdin = o.stdin;
        env = o.env;
        args = o.args;
        clock = o.clock;
        random = o.random;
        preopens = o.preopens;
        callerThread = o.callerThread;
        stackBytes = o.stackBytes;
    }

    private InstanceOptions(Builder b) {
        imports = b.imports;
        fallback = b.fallback;
        stdout = b.stdout;
        stderr = b.stderr;
        stdin = b.stdin;
        env = Map.copyOf(b.env);
        args = List.copyOf(b.args);
        clock = b.clock;
        random = b.random;
        preopens = new LinkedHashMap<>(b.preopens);
        callerThread = b.callerThread;
        stackBytes = b.stackBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; every setting has a default. */
    public static final class Builder {
        private Imports imports = Imports.none();
        private ImportFallback fallback = ImportFallback.TRAP;
        private OutputStream stdout = System.out, stderr = System.err;
        private InputStream stdin = InputStream.nullInputStream();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>(List.of("python"));
        private Clock clock = Clock.systemUTC();
        private Random random = new java.security.SecureRandom();
        private final Map<String, Path> preopens = new LinkedHashMap<>();
        private boolean callerThread;
        private long stackBytes = 128L << 20;

        private Builder() {}

        /** Java implementations of the world's imports. */
        public Builder imports(Imports imports) {
            this.imports = imports;
            return this;
        }

        /** What a call to an import without implementation does (default {@link ImportFallback#TRAP}). */
        public Builder fallback(ImportFallback fallback) {
            this.fallback = fallback;
            return this;
        }

        /** Where the component's stdout goes (default System.out). */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /** Where the component's stderr goes (default System.err); tracebacks are also kept in trap exceptions. */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /** The component's stdin (default empty). */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        /** An environment variable ({@code os.environ}); none by default. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The arguments ({@code sys.argv} is not affected; WASI args_get); default {@code ["python"]}. */
        public Builder args(List<String> args) {
            this.args.clear();
            this.args.addAll(args);
            return this;
        }

        /** The clock WASI reads (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The source of WASI random_get (default SecureRandom); a seeded Random makes runs repeatable. */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /** Lets the component open files under {@code hostDir} as {@code guestPath}; no folder is open by default. */
        public Builder preopen(String guestPath, Path hostDir) {
            preopens.put(guestPath, hostDir);
            return this;
        }

        /**
         * Runs calls on the calling thread instead of the instance's own thread (saves a thread hand-off per call;
         * the calling thread then needs a large stack, e.g. 16 MiB, for deep recursion in the component).
         */
        public Builder callerThread(boolean callerThread) {
            this.callerThread = callerThread;
            return this;
        }

        /** Stack size of the instance's own thread (default 128 MiB, reserved address space, not memory). */
        public Builder stackBytes(long bytes) {
            this.stackBytes = bytes;
            return this;
        }

        public InstanceOptions build() {
            return new InstanceOptions(this);
        }
    }
}
