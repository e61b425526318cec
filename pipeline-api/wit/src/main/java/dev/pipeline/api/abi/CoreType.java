package dev.pipeline.api.abi;

/** The core WebAssembly value types a component-level value flattens to. */
public enum CoreType {
    I32, I64, F32, F64;

    /** The WebAssembly text name ({@code i32}, ...). */
    public String wat() {
        return name().toLowerCase();
    }

    /** The join of two flat types at one position of a variant: equal stays, i32/f32 become i32, anything else i64. */
    public static CoreType join(CoreType a, CoreType b) {
        if (a == b) return a;
        if ((a == I32 && b == F32) || (a == F32 && b == I32)) return I32;
        return I64;
    }
}
