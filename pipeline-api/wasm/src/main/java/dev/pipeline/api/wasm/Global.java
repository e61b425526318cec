package dev.pipeline.api.wasm;

/** A defined global: its type and its constant initialiser expression (raw bytes, including the final {@code end}). */
public record Global(GlobalType type, byte[] init) {
    public static Global read(WasmInput in) {
        return new Global(GlobalType.read(in), ConstExpr.read(in));
    }

    public void write(WasmOutput out) {
        type.write(out);
        out.bytes(init);
    }
}
