package dev.pipeline.testkit;

import dev.pipeline.api.stage.RuntimeKit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;

/** The runtime kit of a {@link StageHarness}: the folders the distribution named in {@code kit.properties}. */
final class HarnessKit implements RuntimeKit {
    private final Supplier<Properties> folders;
    private Properties known;

    HarnessKit(Supplier<Properties> folders) {
        this.folders = folders;
    }

    @Override
    public Path root() {
        return folder("root", "kit.json");
    }

    @Override
    public Path runtime() {
        return folder("runtime", "runtime.wasm");
    }

    @Override
    public Path adapter() {
        Path p = path("adapter");
        if (!Files.isRegularFile(p)) throw new AssertionError("the WASI adapter is missing: " + p);
        return p;
    }

    /** The harness's app has one target: the distribution reported the kit of that target. */
    @Override
    public RuntimeKit forTarget(String target) {
        return this;
    }

    private Path folder(String key, String marker) {
        Path p = path(key);
        if (!Files.isRegularFile(p.resolve(marker))) throw new AssertionError("the runtime kit's " + key + " folder holds no " + marker + ": " + p);
        return p;
    }

    private synchronized Path path(String key) {
        if (known == null) known = folders.get();
        String v = known.getProperty(key);
        if (v == null) {
            throw new AssertionError("the distribution did not report the runtime kit's " + key + " in kit.properties");
        }
        return Path.of(v);
    }
}
