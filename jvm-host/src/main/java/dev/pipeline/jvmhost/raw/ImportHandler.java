package dev.pipeline.jvmhost.raw;

/** Answers the runtime's {@code pipeline.call_import}: reads flat params, writes flat results (see docs/runtime-abi.md). */
@FunctionalInterface
public interface ImportHandler {
    /**
     * @param runtime      the calling runtime, for memory access
     * @param importIndex  index of the import in the descriptor table
     * @param params       address of the params slots (8 bytes each)
     * @param results      address of the results slot (one 8-byte slot)
     */
    void call(PipelineRuntime runtime, int importIndex, int params, int results);
}
