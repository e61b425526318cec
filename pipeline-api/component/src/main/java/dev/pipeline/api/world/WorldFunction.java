package dev.pipeline.api.world;

import dev.pipeline.api.wit.WitFunction;

/**
 * A function a world imports or exports. {@code interfaceKey} is the import/export name of its interface
 * ({@code wasi:cli/stdout@0.2.0} or a plain name), null for a function of the world itself; {@code name} is the
 * component-level name ({@code greet}, {@code [method]counter.incr}); {@code index} numbers the imports and the
 * exports separately, in the order the runtime's descriptor table and the splicer use.
 */
public record WorldFunction(int index, boolean export, String interfaceKey, Integer interfaceId, WitFunction function,
                            String name) {

    /** The core-module name wit-component uses: {@code name} or {@code iface#name} for exports. */
    public String coreExportName() {
        return interfaceKey == null ? name : interfaceKey + "#" + name;
    }

    /** The core import module wit-component uses: the interface key, or {@code $root}. */
    public String coreImportModule() {
        return interfaceKey == null ? "$root" : interfaceKey;
    }
}
