package dev.pipeline.jvmhost.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.pipeline.api.world.WorldResource;

/** What the value codec needs from a running component instance: its memory, its allocator and its handle table. */
public interface Guest {
    /** The instance's linear memory. */
    Memory memory();

    /** Allocates {@code size} bytes aligned to {@code align} with the instance's {@code cabi_realloc}. */
    int alloc(int align, int size);

    /** The core value (handle or rep) that carries a Java resource value into the instance. */
    int lowerHandle(WorldResource resource, boolean borrow, Object value);

    /** The Java value for a handle (or rep) the instance passed out. */
    Object liftHandle(WorldResource resource, boolean borrow, int value);
}
