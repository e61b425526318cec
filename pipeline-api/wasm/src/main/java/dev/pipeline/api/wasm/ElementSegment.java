package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * An element segment in any of the eight binary forms ({@code flags} 0–7): active/passive/declarative, with function
 * indices ({@code functions}) or initialiser expressions ({@code expressions}, raw bytes each ending in {@code end}).
 */
public record ElementSegment(int flags, int table, byte[] offset, ValType type, int elemKind, int[] functions,
                             List<byte[]> expressions) {

    /** An active segment of function indices into table 0 (the form wasm-ld uses). */
    public static ElementSegment activeFunctions(byte[] offset, int[] functions) {
        return new ElementSegment(0, 0, offset, ValType.FUNCREF, 0, functions, null);
    }

    /** A declarative segment naming functions that {@code ref.func} may refer to. */
    public static ElementSegment declaredFunctions(int[] functions) {
        return new ElementSegment(3, 0, null, ValType.FUNCREF, 0, functions, null);
    }

    public boolean usesExpressions() { return (flags & 4) != 0; }

    public boolean isActive() { return (flags & 1) == 0; }

    public int size() { return usesExpressions() ? expressions.size() : functions.length; }

    public static ElementSegment read(WasmInput in) {
        int at = in.position();
        int flags = in.u32();
        if (flags < 0 || flags > 7) throw in.error(at, "unknown element segment flags " + Integer.toUnsignedString(flags));
        int table = 0;
        byte[] offset = null;
        ValType type = ValType.FUNCREF;
        int elemKind = 0;
        if ((flags & 1) == 0) {
            if ((flags & 2) != 0) table = in.count();
            offset = ConstExpr.read(in);
        }
        boolean exprs = (flags & 4) != 0;
        if ((flags & 3) != 0) {
            if (exprs) {
                type = ValType.read(in);
            } else {
                int kat = in.position();
                elemKind = in.u8();
                if (elemKind != 0) throw in.error(kat, "unknown element kind 0x" + Integer.toHexString(elemKind));
            }
        }
        int n = in.count();
        if (n > in.remaining()) throw in.error("element count " + n + " exceeds the remaining input");
        if (exprs) {
            List<byte[]> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(ConstExpr.read(in));
            return new ElementSegment(flags, table, offset, type, elemKind, null, list);
        }
        int[] funcs = new int[n];
        for (int i = 0; i < n; i++) funcs[i] = in.count();
        return new ElementSegment(flags, table, offset, type, elemKind, funcs, null);
    }

    public void write(WasmOutput out) {
        out.u32(flags);
        if ((flags & 1) == 0) {
            if ((flags & 2) != 0) out.u32(table);
            out.bytes(offset);
        }
        boolean exprs = (flags & 4) != 0;
        if ((flags & 3) != 0) {
            if (exprs) type.write(out);
            else out.u8(elemKind);
        }
        if (exprs) {
            out.u32(expressions.size());
            for (byte[] e : expressions) out.bytes(e);
        } else {
            out.u32(functions.length);
            for (int f : functions) out.u32(f);
        }
    }
}
