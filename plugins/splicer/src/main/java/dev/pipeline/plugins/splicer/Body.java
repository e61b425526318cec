package dev.pipeline.plugins.splicer;

import dev.pipeline.api.abi.CoreType;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.Opcodes;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wasm.WasmOutput;

/** Emits one function body with final indices: the few instructions the generated glue needs. */
final class Body {
    private final WasmOutput code = new WasmOutput(128);
    private final int extraI32Locals;

    /** @param extraI32Locals i32 locals declared after the parameters */
    Body(int extraI32Locals) {
        this.extraI32Locals = extraI32Locals;
    }

    Body localGet(int i) { code.u8(Opcodes.LOCAL_GET).u32(i); return this; }

    Body localSet(int i) { code.u8(Opcodes.LOCAL_SET).u32(i); return this; }

    Body globalGet(int i) { code.u8(Opcodes.GLOBAL_GET).u32(i); return this; }

    Body globalSet(int i) { code.u8(Opcodes.GLOBAL_SET).u32(i); return this; }

    Body i32Const(int v) { code.u8(Opcodes.I32_CONST).s32(v); return this; }

    Body call(int f) { code.u8(Opcodes.CALL).u32(f); return this; }

    Body op(int opcode) { code.u8(opcode); return this; }

    Body block() { code.u8(Opcodes.BLOCK).u8(0x40); return this; }

    Body ifEmpty() { code.u8(Opcodes.IF).u8(0x40); return this; }

    Body end() { code.u8(Opcodes.END); return this; }

    Body unreachable() { code.u8(Opcodes.UNREACHABLE); return this; }

    Body ret() { code.u8(Opcodes.RETURN); return this; }

    Body brTable(int[] labels, int defaultLabel) {
        code.u8(Opcodes.BR_TABLE).u32(labels.length);
        for (int l : labels) code.u32(l);
        code.u32(defaultLabel);
        return this;
    }

    /** Loads a value of {@code type} from the address on the stack plus {@code offset}. */
    Body load(CoreType type, int offset) {
        switch (type) {
            case I32 -> code.u8(Opcodes.I32_LOAD).u32(2);
            case I64 -> code.u8(Opcodes.I64_LOAD).u32(3);
            case F32 -> code.u8(Opcodes.F32_LOAD).u32(2);
            case F64 -> code.u8(Opcodes.F64_LOAD).u32(3);
        }
        code.u32(offset);
        return this;
    }

    /** Stores the value on top of the stack at the address below it plus {@code offset}. */
    Body store(CoreType type, int offset) {
        switch (type) {
            case I32 -> code.u8(Opcodes.I32_STORE).u32(2);
            case I64 -> code.u8(Opcodes.I64_STORE).u32(3);
            case F32 -> code.u8(0x38).u32(2);
            case F64 -> code.u8(0x39).u32(3);
        }
        code.u32(offset);
        return this;
    }

    /** {@code memory.init seg 0} then {@code data.drop seg}. */
    Body memoryInitAndDrop(int segment) {
        code.u8(0xfc).u32(8).u32(segment).u8(0);
        code.u8(0xfc).u32(9).u32(segment);
        return this;
    }

    FunctionBody build() {
        WasmOutput out = new WasmOutput(code.size() + 16);
        if (extraI32Locals > 0) {
            out.u32(1).u32(extraI32Locals);
            ValType.I32.write(out);
        } else {
            out.u32(0);
        }
        out.bytes(code.toByteArray());
        out.u8(Opcodes.END);
        return new FunctionBody(out.toByteArray());
    }

    static ValType valType(CoreType t) {
        return switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
        };
    }
}
