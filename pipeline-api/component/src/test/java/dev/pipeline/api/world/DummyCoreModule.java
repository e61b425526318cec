package dev.pipeline.api.world;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.abi.CoreType;
import dev.pipeline.api.abi.FlatSignature;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitWorld;

import java.util.ArrayList;
import java.util.List;

/**
 * A core module shaped like wit-component's dummy for a world: it imports every imported function with its lowered
 * core signature, exports every exported function (bodies trap) with its lifted one, a memory and
 * {@code cabi_realloc}, and carries the world's {@code component-type} section.
 */
final class DummyCoreModule {
    private DummyCoreModule() {}

    static Module of(Resolve resolve, WitWorld world, WorldEncoding.World type) {
        WorldView view = new WorldView(resolve, world);
        CanonicalAbi abi = new CanonicalAbi(view.resolve());
        ModuleBuilder b = new ModuleBuilder();
        for (WorldFunction f : view.imports()) {
            b.importFunction(f.coreImportModule(), f.name(),
                    coreType(abi.flattenFunction(f.function(), CanonicalAbi.Context.LOWER)));
        }
        for (WorldFunction f : view.exports()) {
            FuncType sig = coreType(abi.flattenFunction(f.function(), CanonicalAbi.Context.LIFT));
            b.export(f.coreExportName(), b.function(sig, c -> c.unreachable()));
        }
        b.export("memory", b.memory(Limits.of(1, null)));
        b.export("cabi_realloc", b.function(FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                List.of(ValType.I32)), c -> c.unreachable()));
        b.custom(WorldEncoding.sectionName(type), WorldEncoding.customSection(type));
        return b.build();
    }

    private static FuncType coreType(FlatSignature sig) {
        return FuncType.of(valTypes(sig.params()), valTypes(sig.results()));
    }

    private static List<ValType> valTypes(List<CoreType> types) {
        List<ValType> out = new ArrayList<>();
        for (CoreType t : types) out.add(valType(t));
        return out;
    }

    private static ValType valType(CoreType t) {
        return switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
        };
    }
}
