package dev.pipeline.jvmhost.raw;

/**
 * The state of an initialised runtime instance: its linear memory and every global's value. Restoring it into a
 * fresh instance of the same module skips {@code pipeline_init} (the same idea as a pre-initialiser, in memory).
 * Valid because the runtime never changes its tables after instantiation.
 */
public record RuntimeSnapshot(byte[] memory, long[] globals) {
    /** Size of the captured memory in bytes. */
    public int memoryBytes() {
        return memory.length;
    }
}
