package dev.pipeline.api.wit;

/** Where a named type is defined: an interface or a world. */
public sealed interface TypeOwner {
    /** Defined in the interface with this id. */
    record OfInterface(int interfaceId) implements TypeOwner {}

    /** Defined (or used) directly in the world with this id. */
    record OfWorld(int worldId) implements TypeOwner {}
}
