package dev.pipeline.api.abi;

import java.util.List;

/**
 * The core function type of a lifted or lowered component function. {@code paramsIndirect}: the parameters are passed
 * in memory behind one pointer; {@code resultsIndirect}: the results go through memory (a returned pointer when
 * lifting, an extra out-pointer parameter when lowering).
 */
public record FlatSignature(List<CoreType> params, List<CoreType> results, boolean paramsIndirect, boolean resultsIndirect) {
    public FlatSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** Like {@code (func (param i32 i32) (result i32))}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(func");
        if (!params.isEmpty()) sb.append(" (param ").append(String.join(" ", params.stream().map(CoreType::wat).toList())).append(')');
        if (!results.isEmpty()) sb.append(" (result ").append(String.join(" ", results.stream().map(CoreType::wat).toList())).append(')');
        return sb.append(')').toString();
    }
}
