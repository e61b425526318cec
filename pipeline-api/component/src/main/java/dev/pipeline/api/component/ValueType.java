package dev.pipeline.api.component;

/** A component value type: a {@link PrimitiveType} or a reference to a defined type by index. */
public sealed interface ValueType permits PrimitiveType, ValueType.Ref {

    /** A value type defined elsewhere, by its index in the enclosing scope's type index space. */
    record Ref(int index) implements ValueType {}

    static ValueType ref(int index) { return new Ref(index); }
}
