package dev.pipeline.api.wasm;

/**
 * One import of a core module. Exactly one descriptor field matches {@link #kind}: {@code typeIndex} for functions and
 * tags, {@code table}, {@code memory} or {@code global} otherwise.
 */
public record Import(String module, String name, ExternalKind kind, int typeIndex, TableType table, Limits memory,
                     GlobalType global) {
    public static Import func(String module, String name, int typeIndex) {
        return new Import(module, name, ExternalKind.FUNC, typeIndex, null, null, null);
    }

    public static Import memory(String module, String name, Limits limits) {
        return new Import(module, name, ExternalKind.MEMORY, 0, null, limits, null);
    }

    public static Import table(String module, String name, TableType table) {
        return new Import(module, name, ExternalKind.TABLE, 0, table, null, null);
    }

    public static Import global(String module, String name, GlobalType global) {
        return new Import(module, name, ExternalKind.GLOBAL, 0, null, null, global);
    }

    public static Import read(WasmInput in) {
        String module = in.name();
        String name = in.name();
        ExternalKind kind = ExternalKind.read(in);
        return switch (kind) {
            case FUNC -> func(module, name, in.count());
            case TABLE -> table(module, name, TableType.read(in));
            case MEMORY -> memory(module, name, Limits.read(in));
            case GLOBAL -> global(module, name, GlobalType.read(in));
            case TAG -> {
                int at = in.position();
                if (in.u8() != 0) throw in.error(at, "tag attribute must be 0");
                yield new Import(module, name, ExternalKind.TAG, in.count(), null, null, null);
            }
        };
    }

    public void write(WasmOutput out) {
        out.name(module).name(name).u8(kind.code);
        switch (kind) {
            case FUNC -> out.u32(typeIndex);
            case TABLE -> table.write(out);
            case MEMORY -> memory.write(out);
            case GLOBAL -> global.write(out);
            case TAG -> out.u8(0).u32(typeIndex);
        }
    }
}
