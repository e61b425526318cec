package dev.pipeline.api.world;

import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.abi.CoreType;
import dev.pipeline.api.abi.FlatSignature;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.GlobalType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.wit.WitLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A world that exports an interface using record, variant, enum and flags types of an imported interface (some of
 * them only through other types) becomes a component that jco accepts and runs.
 */
class ExportedInterfaceComponentTest {
    private static final String WIT = """
            package test:shapes@0.1.0;

            interface types {
              record point { x: s32, y: s32 }
              variant shape { circle(f64), rect(point), empty }
              enum color { red, green, blue }
              flags perms { read, write, exec }
              record bag { points: list<point>, shapes: list<option<shape>>, tags: tuple<perms, color> }
            }

            interface api {
              use types.{shape, color, perms, bag};
              record pair { s: shape, c: color }
              move-shape: func(s: shape) -> shape;
              pick: func(s: list<shape>, o: option<bag>) -> tuple<perms, color>;
              swap: func(p: pair) -> list<pair>;
              paint: func(c: color, p: perms) -> option<shape>;
            }

            world shapes {
              export api;
            }
            """;

    /** Where every function's return area sits (zeroes: the first case, empty lists). */
    private static final int RETURN_AREA = 16, HEAP_START = 1024;

    /** A core module implementing every function of {@code api} by returning a zeroed return area. */
    private static Module core(Resolve resolve, WorldEncoding.World world) {
        WitInterface api = resolve.interfaces().stream().filter(i -> "api".equals(i.name())).findFirst().orElseThrow();
        String apiName = resolve.interfaceName(api.id());
        CanonicalAbi abi = new CanonicalAbi(resolve);
        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref memory = b.memory(Limits.of(1, null));
        for (WitFunction f : api.functions().values()) {
            FlatSignature sig = abi.flattenFunction(f, CanonicalAbi.Context.LIFT);
            assertEquals(List.of(CoreType.I32), sig.results(), f.name() + " should return through memory");
            FuncType type = FuncType.of(sig.params().stream().map(ExportedInterfaceComponentTest::valType).toList(),
                    List.of(ValType.I32));
            b.export(apiName + "#" + f.name(), b.function(type, c -> c.i32Const(RETURN_AREA)));
        }
        ModuleBuilder.Ref heap = b.global(new GlobalType(ValType.I32, true), ConstExpr.i32(HEAP_START));
        // cabi_realloc(old, old_size, align, new_size): hand out the heap and move it on; never frees
        ModuleBuilder.Ref realloc = b.function(
                FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                c -> c.globalGet(heap).globalGet(heap).localGet(3).op(Opcodes.I32_ADD).globalSet(heap));
        b.export("memory", memory).export("cabi_realloc", realloc);
        b.custom(WorldEncoding.sectionName(world), WorldEncoding.customSection(world));
        return b.build();
    }

    private static ValType valType(CoreType t) {
        switch (t) {
            case I32: return ValType.I32;
            case I64: return ValType.I64;
            case F32: return ValType.F32;
            default: return ValType.F64;
        }
    }

    @Test
    void exportedInterfaceUsingImportedTypesIsAValidComponent() {
        Resolve resolve = WitLoader.parse("shapes.wit", WIT);
        WorldEncoding.World world = WorldTypeEncoder.encode(resolve, resolve.selectWorld("shapes"));
        byte[] bytes = ComponentEncoder.encode(ComponentNew.build(core(resolve, world), null));
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(bytes);
            assertTrue(wit.contains("import test:shapes/types@0.1.0;"), wit);
            assertTrue(wit.contains("export test:shapes/api@0.1.0;"), wit);
            String out = jco.transpileAndRun(bytes, "shapes", """
                    const { api } = component;
                    const show = v => JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x.toString() : x);
                    console.log('move: ' + show(api.moveShape({ tag: 'rect', val: { x: 1, y: 2 } })));
                    console.log('pick: ' + show(api.pick([{ tag: 'empty' }], { points: [], shapes: [], tags: [{}, 'red'] })));
                    console.log('swap: ' + show(api.swap({ s: { tag: 'circle', val: 1.5 }, c: 'blue' })));
                    console.log('paint: ' + show(api.paint('green', { read: true })));
                    """);
            assertTrue(out.contains("move: {\"tag\":\"circle\",\"val\":0}"), out);
            assertTrue(out.contains("pick: [{\"read\":false,\"write\":false,\"exec\":false},\"red\"]"), out);
            assertTrue(out.contains("swap: []"), out);
            assertTrue(out.contains("paint: undefined"), out);
        }
    }
}
