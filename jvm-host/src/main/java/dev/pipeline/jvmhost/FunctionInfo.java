package dev.pipeline.jvmhost;

import java.util.List;

/**
 * One function of a component's world, as the API names it. {@code name} is what {@link PythonInstance#call} and
 * {@link Imports} accept: the function's name for a world-level function ({@code greet}), else the interface's short
 * name, a dot and the function's name ({@code api.echo-shape}, {@code things.[method]thing.name}); {@code fullName}
 * is the component-level name ({@code test:kitchen/api@0.1.0#echo-shape}), also accepted. Parameter and result
 * types are WIT text.
 */
public record FunctionInfo(String name, String fullName, List<Param> params, String result) {
    /** A parameter: its WIT name and type. */
    public record Param(String name, String type) {}

    public FunctionInfo {
        params = List.copyOf(params);
    }

    /** Like {@code api.echo-shape: func(s: shape) -> shape}. */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append(": func(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(params.get(i).name()).append(": ").append(params.get(i).type());
        }
        sb.append(')');
        if (result != null) sb.append(" -> ").append(result);
        return sb.toString();
    }
}
