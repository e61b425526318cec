package dev.pipeline.api.stage;

import dev.pipeline.api.diag.PipelineException;

import java.nio.file.Path;
import java.util.List;

/** Where the runtime kit (CPython for wasm32-wasip1 or, with {@link #forTarget}, wasm32-wasip2, its stdlib, the base runtime module) is on this machine. */
public interface RuntimeKit {

    /**
     * The kit's root folder (CPython for wasm32-wasip1, its stdlib, the native build python), building it first if needed.
     *
     * @return the folder
     */
    Path root();

    /**
     * The folder of the world-independent runtime core module ({@code runtime.wasm}: the C glue linked with
     * libpython, see docs/runtime-abi.md); building it first if needed.
     *
     * @return the folder holding {@code runtime.wasm} and {@code bin/cc}
     */
    Path runtime();

    /**
     * Links the runtime module again with more wasm32-wasip1 objects and archives (native extension modules, a
     * generated inittab) into {@code out} (debug info stripped), using the same link line as {@link #runtime()}.
     * The compiler for such objects is {@code runtime()/bin/cc} (clang for wasm32-wasip1 with the kit's sysroot).
     *
     * @param inputs the objects ({@code .o}) and archives ({@code .a}) to link in
     * @param out the runtime module to write
     * @throws dev.pipeline.api.diag.PipelineException with the linker's messages when the link fails
     */
    default void linkRuntime(List<Path> inputs, Path out) {
        throw new UnsupportedOperationException("this runtime kit cannot link a runtime module");
    }

    /**
     * The folder of Cython (Debian's cython3 binary package, unpacked: {@code usr/lib/python3/dist-packages}), which
     * runs under the kit's native python to turn .pyx sources into C; fetched if needed.
     *
     * @return the folder
     */
    default Path cython() {
        throw new UnsupportedOperationException("this runtime kit has no Cython");
    }

    /**
     * The kit for an app's target ({@link AppSpec#WASIP1}, the default, or {@link AppSpec#WASIP2}); stages ask for it
     * with {@code kit.forTarget(ctx.app().target())}.
     *
     * @param target the app's target, or null for the default
     * @return the kit of that target
     */
    default RuntimeKit forTarget(String target) {
        if (target == null || target.equals(AppSpec.WASIP1)) return this;
        throw new PipelineException("this runtime kit has no " + target + " target");
    }

    /**
     * The WASI preview1-to-preview2 adapter module ({@code wasi_snapshot_preview1.reactor.wasm}); fetched if needed.
     *
     * @return the adapter's file
     */
    Path adapter();
}
