package dev.pipeline.api.wasm;

import java.util.List;
import java.util.stream.Collectors;

/** A core function type: parameter and result value types. */
public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    public void write(WasmOutput out) {
        out.u8(0x60);
        out.u32(params.size());
        for (ValType t : params) t.write(out);
        out.u32(results.size());
        for (ValType t : results) t.write(out);
    }

    public static FuncType read(WasmInput in) {
        int at = in.position();
        int form = in.u8();
        if (form != 0x60) {
            throw in.error(at, form == 0x4e || form == 0x4f || form == 0x50 || form == 0x5e || form == 0x5f
                    ? "GC types (form 0x" + Integer.toHexString(form) + ") are not supported"
                    : "expected a function type (0x60), found 0x" + Integer.toHexString(form));
        }
        return new FuncType(readVec(in), readVec(in));
    }

    private static List<ValType> readVec(WasmInput in) {
        int n = in.count();
        if (n > in.remaining()) throw in.error("value type count " + n + " exceeds the remaining input");
        ValType[] ts = new ValType[n];
        for (int i = 0; i < n; i++) ts[i] = ValType.read(in);
        return List.of(ts);
    }

    @Override
    public String toString() {
        return "(" + params.stream().map(ValType::toString).collect(Collectors.joining(", ")) + ") -> ("
                + results.stream().map(ValType::toString).collect(Collectors.joining(", ")) + ")";
    }
}
