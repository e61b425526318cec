package dev.pipeline.api.component;

import dev.pipeline.api.wasm.ValType;

import java.util.List;

/** A component type definition: a defined value type, a function, component, instance or resource type. */
public sealed interface TypeDef {

    /** A named record field or function parameter. */
    record Field(String name, ValueType type) {}

    /** A variant case; {@code type} is null for a case without payload. */
    record Case(String name, ValueType type) {}

    record Primitive(PrimitiveType type) implements TypeDef {}

    record Record(List<Field> fields) implements TypeDef {}

    record Variant(List<Case> cases) implements TypeDef {}

    /** {@code list<T>}, or a fixed-length list when {@code length} is non-null. */
    record ListOf(ValueType element, Integer length) implements TypeDef {}

    record Tuple(List<ValueType> types) implements TypeDef {}

    record Flags(List<String> names) implements TypeDef {}

    record Enum(List<String> names) implements TypeDef {}

    record Option(ValueType type) implements TypeDef {}

    /** {@code result<ok, err>}; either side may be null. */
    record Result(ValueType ok, ValueType err) implements TypeDef {}

    record Own(int resource) implements TypeDef {}

    record Borrow(int resource) implements TypeDef {}

    record Stream(ValueType element) implements TypeDef {}

    record Future(ValueType element) implements TypeDef {}

    /** A function type; {@code result} is null when the function returns nothing. */
    record Func(List<Field> params, ValueType result, boolean async) implements TypeDef {
        public Func(List<Field> params, ValueType result) { this(params, result, false); }
    }

    record ComponentType(List<Declarator> declarators) implements TypeDef {}

    record InstanceType(List<Declarator> declarators) implements TypeDef {}

    /** A resource defined by this component: representation {@code i32} and an optional destructor core function. */
    record Resource(ValType rep, Integer destructor) implements TypeDef {}
}
