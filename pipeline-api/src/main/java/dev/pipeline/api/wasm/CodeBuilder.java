package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a function body: local declarations, then instructions. Function, global, table and memory operands are
 * {@link ModuleBuilder.Ref}s resolved when the module is built. The final {@code end} is added automatically.
 */
public final class CodeBuilder {
    private final List<Object> parts = new ArrayList<>();
    private final List<FunctionBody.Locals> locals = new ArrayList<>();
    private WasmOutput current = new WasmOutput(64);

    /** Declares {@code count} more locals of {@code type} (indices follow the parameters). */
    public CodeBuilder locals(int count, ValType type) {
        locals.add(new FunctionBody.Locals(count, type));
        return this;
    }

    public CodeBuilder op(int opcode) {
        if (opcode > 0xff) current.u8(opcode >>> 16).u32(opcode & 0xffff);
        else current.u8(opcode);
        return this;
    }

    /** Raw instruction bytes, for anything without a dedicated method. */
    public CodeBuilder raw(byte[] bytes) {
        current.bytes(bytes);
        return this;
    }

    private CodeBuilder ref(ModuleBuilder.Ref r) {
        parts.add(current);
        parts.add(r);
        current = new WasmOutput(64);
        return this;
    }

    public CodeBuilder localGet(int i) { current.u8(Opcodes.LOCAL_GET).u32(i); return this; }

    public CodeBuilder localSet(int i) { current.u8(Opcodes.LOCAL_SET).u32(i); return this; }

    public CodeBuilder localTee(int i) { current.u8(Opcodes.LOCAL_TEE).u32(i); return this; }

    public CodeBuilder i32Const(int v) { current.u8(Opcodes.I32_CONST).s32(v); return this; }

    public CodeBuilder i64Const(long v) { current.u8(Opcodes.I64_CONST).s64(v); return this; }

    public CodeBuilder call(ModuleBuilder.Ref f) { current.u8(Opcodes.CALL); return ref(f); }

    public CodeBuilder refFunc(ModuleBuilder.Ref f) { current.u8(Opcodes.REF_FUNC); return ref(f); }

    public CodeBuilder globalGet(ModuleBuilder.Ref g) { current.u8(Opcodes.GLOBAL_GET); return ref(g); }

    public CodeBuilder globalSet(ModuleBuilder.Ref g) { current.u8(Opcodes.GLOBAL_SET); return ref(g); }

    /** {@code call_indirect} with a type index (from {@link ModuleBuilder#type}) through {@code table}. */
    public CodeBuilder callIndirect(int typeIndex, ModuleBuilder.Ref table) {
        current.u8(Opcodes.CALL_INDIRECT).u32(typeIndex);
        return ref(table);
    }

    /** Starts a block with no parameters or results ({@code block}, {@code loop} or {@code if}). */
    public CodeBuilder blockEmpty(int opcode) { current.u8(opcode).u8(0x40); return this; }

    public CodeBuilder end() { current.u8(Opcodes.END); return this; }

    public CodeBuilder unreachable() { current.u8(Opcodes.UNREACHABLE); return this; }

    FunctionBody toBody() {
        WasmOutput out = new WasmOutput(128);
        out.u32(locals.size());
        for (FunctionBody.Locals l : locals) {
            out.u32(l.count());
            l.type().write(out);
        }
        for (Object p : parts) {
            if (p instanceof WasmOutput w) out.append(w);
            else out.u32(((ModuleBuilder.Ref) p).index());
        }
        out.append(current);
        out.u8(Opcodes.END);
        return new FunctionBody(out.toByteArray());
    }
}
