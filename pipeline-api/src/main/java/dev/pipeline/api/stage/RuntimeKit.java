package dev.pipeline.api.stage;

import java.nio.file.Path;

/** Where the runtime kit (CPython for wasm32-wasip1, its stdlib, the base runtime module) is on this machine. */
public interface RuntimeKit {

    /** The kit's root folder; building it first if needed. */
    Path root();

    /**
     * The folder of the world-independent runtime core module ({@code runtime.wasm}: the C glue linked with
     * libpython, see docs/runtime-abi.md); building it first if needed.
     */
    Path runtime();

    /** The WASI preview1-to-preview2 adapter module ({@code wasi_snapshot_preview1.reactor.wasm}); fetched if needed. */
    Path adapter();
}
