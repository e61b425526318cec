package dev.pipeline.api.wit;

import java.util.List;

/** A use of a type: a built-in, an anonymous compound type, a handle, or a reference to a named {@link TypeDef}. */
public sealed interface WitType {

    /** The scalar types and string. */
    enum Primitive implements WitType {
        BOOL("bool"), S8("s8"), S16("s16"), S32("s32"), S64("s64"), U8("u8"), U16("u16"), U32("u32"), U64("u64"),
        F32("f32"), F64("f64"), CHAR("char"), STRING("string");

        private final String wit;

        Primitive(String wit) {
            this.wit = wit;
        }

        /** The WIT keyword of this type. */
        public String wit() {
            return wit;
        }

        /** The primitive named by a WIT keyword, or null. */
        public static Primitive ofKeyword(String keyword) {
            for (Primitive p : values()) if (p.wit.equals(keyword)) return p;
            return null;
        }
    }

    /** {@code list<T>}. */
    record ListType(WitType element) implements WitType {}

    /** {@code list<T, N>}, a list of fixed length. */
    record FixedListType(WitType element, long length) implements WitType {}

    /** {@code map<K, V>}. */
    record MapType(WitType key, WitType value) implements WitType {}

    /** {@code option<T>}. */
    record OptionType(WitType some) implements WitType {}

    /** {@code result<ok, err>}; either side may be null (absent). */
    record ResultType(WitType ok, WitType err) implements WitType {}

    /** {@code tuple<...>}. */
    record TupleType(List<WitType> types) implements WitType {
        public TupleType {
            types = List.copyOf(types);
        }
    }

    /** An owned or borrowed handle to a resource; {@code resource} is the id of the resource's type definition (possibly an alias of it). */
    record HandleType(boolean borrow, int resource) implements WitType {}

    /** {@code future<T>}; payload null for {@code future}. */
    record FutureType(WitType payload) implements WitType {}

    /** {@code stream<T>}; payload null for {@code stream}. */
    record StreamType(WitType payload) implements WitType {}

    /** {@code error-context}. */
    record ErrorContextType() implements WitType {}

    /** A named type definition, by its id in {@link Resolve#types()}. */
    record TypeRef(int id) implements WitType {}
}
