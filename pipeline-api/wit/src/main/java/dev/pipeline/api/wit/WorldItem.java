package dev.pipeline.api.wit;

/** One import or export of a world: an interface, a function, or (imports only) a type. */
public sealed interface WorldItem {
    Stability stability();

    /** An interface, imported by its own name or under a plain name ({@code import x: interface {...}}, {@code import x: a:b/c}). */
    record InterfaceItem(int interfaceId, String plainName, String docs, Stability stability) implements WorldItem {}

    /** A function imported or exported directly by the world. */
    record FunctionItem(WitFunction function) implements WorldItem {
        @Override public Stability stability() { return function.stability(); }
    }

    /** A type defined in or brought into the world (its id in {@link Resolve#types()}). */
    record TypeItem(int typeId, Stability stability) implements WorldItem {}
}
