package dev.pipeline.api.component;

import dev.pipeline.api.wasm.ValType;

import java.util.List;

/** A type definition of the component binary format (a {@code deftype}): a defined value type, a function, component, instance or resource type, whose type references are indices. */
public sealed interface DefType {

    /** A named record field or function parameter. */
    record Field(String name, ValueType type) {}

    /** A variant case; {@code type} is null for a case without payload. */
    record Case(String name, ValueType type) {}

    /** A primitive type used as a type definition. */
    record Primitive(PrimitiveType type) implements DefType {}

    /** {@code record { field: T, … }}. */
    record Record(List<Field> fields) implements DefType {}

    /** {@code variant { case(T), … }}. */
    record Variant(List<Case> cases) implements DefType {}

    /** {@code list<T>}, or a fixed-length list when {@code length} is non-null. */
    record ListOf(ValueType element, Integer length) implements DefType {}

    /** {@code tuple<T, …>}. */
    record Tuple(List<ValueType> types) implements DefType {}

    /** {@code flags { a, b, … }} (at most 32). */
    record Flags(List<String> names) implements DefType {}

    /** {@code enum { a, b, … }}. */
    record Enum(List<String> names) implements DefType {}

    /** {@code option<T>}. */
    record Option(ValueType type) implements DefType {}

    /** {@code result<ok, err>}; either side may be null. */
    record Result(ValueType ok, ValueType err) implements DefType {}

    /** An owned handle {@code own<R>} of resource type index {@code resource}. */
    record Own(int resource) implements DefType {}

    /** A borrowed handle {@code borrow<R>} of resource type index {@code resource}. */
    record Borrow(int resource) implements DefType {}

    /** {@code stream<T>} (async; {@code element} may be null). */
    record Stream(ValueType element) implements DefType {}

    /** {@code future<T>} (async; {@code element} may be null). */
    record Future(ValueType element) implements DefType {}

    /** A function type; {@code result} is null when the function returns nothing. */
    record Func(List<Field> params, ValueType result, boolean async) implements DefType {
        public Func(List<Field> params, ValueType result) { this(params, result, false); }
    }

    /** A component type: its imports, exports and the types they use. */
    record ComponentType(List<Declarator> declarators) implements DefType {}

    /** An instance type: its exports and the types they use. */
    record InstanceType(List<Declarator> declarators) implements DefType {}

    /** A resource defined by this component: representation {@code i32} and an optional destructor core function. */
    record Resource(ValType rep, Integer destructor) implements DefType {}
}
