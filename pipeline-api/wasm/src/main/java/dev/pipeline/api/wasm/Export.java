package dev.pipeline.api.wasm;

/** One export of a core module: a name, a kind and an index in that kind's index space. */
public record Export(String name, ExternalKind kind, int index) {
    public static Export read(WasmInput in) {
        return new Export(in.name(), ExternalKind.read(in), in.count());
    }

    public void write(WasmOutput out) {
        out.name(name).u8(kind.code).u32(index);
    }
}
