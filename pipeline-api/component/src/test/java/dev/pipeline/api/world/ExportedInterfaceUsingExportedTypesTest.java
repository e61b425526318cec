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
 * A world that exports an interface using types of another exported interface: the world type aliases them out of
 * the exported {@code types} instance, and the component must use the types of the instance it exports for it.
 */
class ExportedInterfaceUsingExportedTypesTest {
    private static final String WIT = """
            package test:x@0.1.0;

            interface types {
              record point { x: s32, y: s32 }
              variant shape { circle(f64), rect(point) }
            }

            interface api {
              use types.{point, shape};
              echo: func(s: shape) -> shape;
              origin: func() -> point;
            }

            world w {
              export types;
              export api;
            }
            """;

    /** Where {@code echo} writes its result (8-aligned for the f64 payload), and where {@code origin}'s zeroes are. */
    private static final int ECHO_AREA = 16, ORIGIN_AREA = 64, HEAP_START = 1024;

    // instructions CodeBuilder has no method for, with their memory arguments (alignment exponent, offset)
    private static final byte[] I32_STORE8_AT_0 = {0x3a, 0x00, 0x00};
    private static final byte[] I64_STORE_AT_8 = {0x37, 0x03, 0x08};
    private static final int I64_OR = 0x84, I64_SHL = 0x86, I64_EXTEND_I32_U = 0xad;

    /**
     * {@code echo(shape)} gets the flat (discriminant i32, payload i64, payload i32): the payload is the f64's bits
     * for {@code circle} (the last slot zero), or x zero-extended and y for {@code rect}; either way the 8 payload
     * bytes at offset 8 are {@code p1 | p2 << 32}. {@code origin} returns a zeroed area.
     */
    private static Module core(Resolve resolve, WorldEncoding.World world) {
        WitInterface api = resolve.interfaces().stream().filter(i -> "api".equals(i.name())).findFirst().orElseThrow();
        String apiName = resolve.interfaceName(api.id());
        CanonicalAbi abi = new CanonicalAbi(resolve);
        WitFunction echo = api.functions().get("echo");
        WitFunction origin = api.functions().get("origin");
        FlatSignature echoSig = abi.flattenFunction(echo, CanonicalAbi.Context.LIFT);
        FlatSignature originSig = abi.flattenFunction(origin, CanonicalAbi.Context.LIFT);
        assertEquals(List.of(CoreType.I32, CoreType.I64, CoreType.I32), echoSig.params());
        assertEquals(List.of(CoreType.I32), echoSig.results());
        assertEquals(List.of(), originSig.params());
        assertEquals(List.of(CoreType.I32), originSig.results());

        ModuleBuilder b = new ModuleBuilder();
        ModuleBuilder.Ref memory = b.memory(Limits.of(1, null));
        b.export(apiName + "#echo", b.function(FuncType.of(List.of(ValType.I32, ValType.I64, ValType.I32), List.of(ValType.I32)),
                c -> c.i32Const(ECHO_AREA).localGet(0).raw(I32_STORE8_AT_0)
                        .i32Const(ECHO_AREA).localGet(1).localGet(2).op(I64_EXTEND_I32_U).i64Const(32).op(I64_SHL)
                        .op(I64_OR).raw(I64_STORE_AT_8)
                        .i32Const(ECHO_AREA)));
        b.export(apiName + "#origin", b.function(FuncType.of(List.of(), List.of(ValType.I32)), c -> c.i32Const(ORIGIN_AREA)));
        ModuleBuilder.Ref heap = b.global(new GlobalType(ValType.I32, true), ConstExpr.i32(HEAP_START));
        // cabi_realloc(old, old_size, align, new_size): hand out the heap and move it on; never frees
        ModuleBuilder.Ref realloc = b.function(
                FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                c -> c.globalGet(heap).globalGet(heap).localGet(3).op(Opcodes.I32_ADD).globalSet(heap));
        b.export("memory", memory).export("cabi_realloc", realloc);
        b.custom(WorldEncoding.sectionName(world), WorldEncoding.customSection(world));
        return b.build();
    }

    @Test
    void exportedInterfaceUsingTypesOfAnotherExportedInterfaceIsAValidComponent() {
        Resolve resolve = WitLoader.parse("x.wit", WIT);
        WorldEncoding.World world = WorldTypeEncoder.encode(resolve, resolve.selectWorld("w"));
        byte[] bytes = ComponentEncoder.encode(ComponentNew.build(core(resolve, world), null));
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(bytes);
            assertTrue(wit.contains("export test:x/types@0.1.0;"), wit);
            assertTrue(wit.contains("export test:x/api@0.1.0;"), wit);
            assertFalse(wit.contains("import "), wit);
            String out = jco.transpileAndRun(bytes, "x", """
                    const { api } = component;
                    const show = v => JSON.stringify(v);
                    console.log('rect: ' + show(api.echo({ tag: 'rect', val: { x: 3, y: -4 } })));
                    console.log('circle: ' + show(api.echo({ tag: 'circle', val: 2.5 })));
                    console.log('origin: ' + show(api.origin()));
                    """);
            assertTrue(out.contains("rect: {\"tag\":\"rect\",\"val\":{\"x\":3,\"y\":-4}}"), out);
            assertTrue(out.contains("circle: {\"tag\":\"circle\",\"val\":2.5}"), out);
            assertTrue(out.contains("origin: {\"x\":0,\"y\":0}"), out);
        }
    }
}
