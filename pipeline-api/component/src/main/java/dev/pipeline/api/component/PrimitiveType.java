package dev.pipeline.api.component;

import dev.pipeline.api.component.ValueType;

/** The component model's primitive value types with their binary codes and WIT names. */
public enum PrimitiveType implements ValueType {
    BOOL(0x7f, "bool"), S8(0x7e, "s8"), U8(0x7d, "u8"), S16(0x7c, "s16"), U16(0x7b, "u16"), S32(0x7a, "s32"),
    U32(0x79, "u32"), S64(0x78, "s64"), U64(0x77, "u64"), F32(0x76, "f32"), F64(0x75, "f64"), CHAR(0x74, "char"),
    STRING(0x73, "string"), ERROR_CONTEXT(0x64, "error-context");

    public final int code;
    public final String wit;

    PrimitiveType(int code, String wit) {
        this.code = code;
        this.wit = wit;
    }

    public static PrimitiveType byCode(int code) {
        for (PrimitiveType p : values()) if (p.code == code) return p;
        return null;
    }
}
