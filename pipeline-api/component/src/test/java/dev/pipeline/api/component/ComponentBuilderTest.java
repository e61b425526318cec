package dev.pipeline.api.component;

import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A component assembled by hand with {@link ComponentBuilder}: what {@link ComponentNew} does, in miniature. */
class ComponentBuilderTest {

    @Test
    void handAssembledComponentValidatesAndRunsInJco() {
        FuncType i64ToI64 = FuncType.of(List.of(ValType.I64), List.of(ValType.I64));
        ModuleBuilder core = new ModuleBuilder();
        ModuleBuilder.Ref now = core.importFunction("host", "now", FuncType.of(List.of(), List.of(ValType.I64)));
        core.export("memory", core.memory(Limits.of(1, null)));
        core.export("later", core.function(i64ToI64, c -> c.call(now).localGet(0).op(Opcodes.I64_ADD)));

        ComponentBuilder cb = new ComponentBuilder();
        // (import "test:clock/clock" (instance (export "now" (func (result u64)))))
        TypeScopeBuilder clock = new TypeScopeBuilder();
        clock.exportFunc("now", new DefType.Func(List.of(), PrimitiveType.U64));
        int instanceType = cb.type(clock.instanceType());
        int instance = cb.importItem(ExternName.of("test:clock/clock"), ExternType.instance(instanceType));
        // lower the imported function and instantiate the core module with it
        int nowFunc = cb.instanceExport(instance, Sort.FUNC, "now");
        int nowCore = cb.lower(nowFunc, List.of());
        int module = cb.coreModule(core.toBytes());
        int args = cb.coreExports(List.of(new CoreInstance.InlineExport("now", Sort.CORE_FUNC, nowCore)));
        int main = cb.instantiateCore(module, List.of(new CoreInstance.Arg("host", args)));
        // lift `later` and export it
        int type = cb.type(new DefType.Func(List.of(new DefType.Field("delta", PrimitiveType.U64)), PrimitiveType.U64));
        int lifted = cb.lift(cb.coreExport(main, Sort.CORE_FUNC, "later"), List.of(), type);
        cb.export(ExternName.of("later"), Sort.FUNC, lifted, null);
        byte[] bytes = cb.encode();

        assertArrayEquals(bytes, ComponentEncoder.encode(ComponentDecoder.decode(bytes, "clock")));
        try (JcoOracle jco = new JcoOracle()) {
            String wit = jco.componentWit(bytes);
            assertTrue(wit.contains("import test:clock/clock;"), wit);
            assertTrue(wit.contains("export later: func(delta: u64) -> u64;"), wit);
            String out = jco.transpileAndRun(bytes, "clock", Map.of("test:clock/clock", "./clock-host.js"),
                    Map.of("clock-host.js", "export function now() { return 40n; }\n"),
                    "console.log('later: ' + component.later(2n));");
            assertTrue(out.contains("later: 42"), out);
        }
    }
}
