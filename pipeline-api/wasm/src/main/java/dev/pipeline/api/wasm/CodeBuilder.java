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

    /** {@code call} of a function by its final index (for code added to a module whose indices are settled). */
    public CodeBuilder call(int function) { current.u8(Opcodes.CALL).u32(function); return this; }

    /** {@code global.get} by final index. */
    public CodeBuilder globalGet(int global) { current.u8(Opcodes.GLOBAL_GET).u32(global); return this; }

    /** {@code global.set} by final index. */
    public CodeBuilder globalSet(int global) { current.u8(Opcodes.GLOBAL_SET).u32(global); return this; }

    public CodeBuilder ret() { current.u8(Opcodes.RETURN); return this; }

    /** {@code br_table} with the given labels and default label. */
    public CodeBuilder brTable(int[] labels, int defaultLabel) {
        current.u8(Opcodes.BR_TABLE).u32(labels.length);
        for (int l : labels) current.u32(l);
        current.u32(defaultLabel);
        return this;
    }

    /** Loads a value of a numeric {@code type} from memory 0 at the address on the stack plus {@code offset}. */
    public CodeBuilder load(ValType type, int offset) {
        if (type.equals(ValType.I32)) current.u8(Opcodes.I32_LOAD).u32(2);
        else if (type.equals(ValType.I64)) current.u8(Opcodes.I64_LOAD).u32(3);
        else if (type.equals(ValType.F32)) current.u8(Opcodes.F32_LOAD).u32(2);
        else if (type.equals(ValType.F64)) current.u8(Opcodes.F64_LOAD).u32(3);
        else throw new IllegalArgumentException("no load for " + type);
        current.u32(offset);
        return this;
    }

    /** Stores the numeric value on top of the stack at the address below it plus {@code offset} (memory 0). */
    public CodeBuilder store(ValType type, int offset) {
        if (type.equals(ValType.I32)) current.u8(Opcodes.I32_STORE).u32(2);
        else if (type.equals(ValType.I64)) current.u8(Opcodes.I64_STORE).u32(3);
        else if (type.equals(ValType.F32)) current.u8(0x38).u32(2);
        else if (type.equals(ValType.F64)) current.u8(0x39).u32(3);
        else throw new IllegalArgumentException("no store for " + type);
        current.u32(offset);
        return this;
    }

    /** {@code memory.init segment} into memory 0, then {@code data.drop segment}. */
    public CodeBuilder memoryInitAndDrop(int segment) {
        op(Opcodes.MEMORY_INIT);
        current.u32(segment).u8(0);
        op(Opcodes.DATA_DROP);
        current.u32(segment);
        return this;
    }

    public CodeBuilder unreachable() { current.u8(Opcodes.UNREACHABLE); return this; }

    /** The finished body; every {@link ModuleBuilder.Ref} used must already have its index (after its build). */
    public FunctionBody toBody() {
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
