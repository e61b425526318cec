package dev.pipeline.jvmhost.raw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of resource handles for a runtime instance: handles created by {@code resource_new} for the
 * runtime's exported resources (handle to rep), and a record of imported-resource handles the runtime dropped.
 * Handles start at 1; 0 is never a valid handle.
 */
public final class ResourceTable {
    /** A live handle of an exported resource. */
    public record Entry(int resource, int rep) { }

    /** A handle the runtime dropped that this table did not create (an imported resource's handle). */
    public record Dropped(int resource, int handle) { }

    private final Map<Integer, Entry> handles = new HashMap<>();
    private final List<Dropped> droppedImports = new ArrayList<>();
    private int next = 1;

    /** Creates a handle for (resource, rep). */
    public synchronized int create(int resource, int rep) {
        int h = next++;
        handles.put(h, new Entry(resource, rep));
        return h;
    }

    /** The rep behind a handle, or throws if the handle is unknown or of another resource. */
    public synchronized int rep(int resource, int handle) {
        Entry e = handles.get(handle);
        if (e == null || e.resource() != resource) {
            throw new IllegalStateException("unknown handle " + handle + " of resource " + resource);
        }
        return e.rep();
    }

    /** Removes a handle; returns its entry, or null (and records the drop) if it is an imported resource's. */
    public synchronized Entry drop(int resource, int handle) {
        Entry e = handles.remove(handle);
        if (e == null) droppedImports.add(new Dropped(resource, handle));
        return e;
    }

    /** Live handles of exported resources. */
    public synchronized Map<Integer, Entry> live() {
        return Map.copyOf(handles);
    }

    /** Imported-resource handles dropped so far, in order. */
    public synchronized List<Dropped> droppedImports() {
        return List.copyOf(droppedImports);
    }
}
