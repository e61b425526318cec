package dev.pipeline.jvmhost;

/**
 * A handle to a resource the component implements (an exported resource), as Java holds it: returned by
 * constructors and functions whose result is {@code own<R>}, passed back for {@code own<R>} and {@code borrow<R>}
 * parameters. {@link #close()} drops an owned handle (the component's destructor runs); passing it as {@code own<R>}
 * moves it into the component, after which it cannot be used.
 */
public final class ResourceHandle implements AutoCloseable {
    private final PythonInstance instance;
    private final String resource;
    private final int handle;
    private final boolean owned;
    private boolean gone;

    ResourceHandle(PythonInstance instance, String resource, int handle, boolean owned) {
        this.instance = instance;
        this.resource = resource;
        this.handle = handle;
        this.owned = owned;
    }

    /** The resource's WIT name. */
    public String resource() {
        return resource;
    }

    /** The handle number in the instance's table. */
    public int handle() {
        return handle;
    }

    /** True for an {@code own} handle, false for a {@code borrow} received by an import. */
    public boolean owned() {
        return owned;
    }

    /** The instance the handle belongs to. */
    public PythonInstance instance() {
        return instance;
    }

    /** True once dropped or moved into the component. */
    public boolean isGone() {
        return gone;
    }

    void markGone() {
        gone = true;
    }

    /** Drops an owned handle: the component's destructor runs. No effect when already dropped, moved or borrowed. */
    @Override
    public void close() {
        if (gone || !owned) return;
        gone = true;
        instance.dropExported(this);
    }

    @Override
    public String toString() {
        return (owned ? "own<" : "borrow<") + resource + ">#" + handle + (gone ? " (dropped)" : "");
    }
}
