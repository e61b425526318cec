package dev.pipeline.api.wit;

import java.util.List;

/**
 * A function of an interface or world. Methods carry their {@code self: borrow<R>} as the first parameter and
 * constructors return the resource, as in the desugared form of WIT.
 */
public record WitFunction(String name, Kind kind, int resource, boolean async, List<Param> params, WitType result,
                          String docs, Stability stability) {

    /** Where a function sits: free, or the constructor, a method or a static function of a resource. */
    public enum Kind { FREESTANDING, CONSTRUCTOR, METHOD, STATIC }

    /** A named parameter. */
    public record Param(String name, WitType type) {}

    public WitFunction {
        params = List.copyOf(params);
    }

    /** True for constructors, methods and static functions; then {@link #resource()} is the resource's type id. */
    public boolean isResourceFunction() {
        return kind != Kind.FREESTANDING;
    }

    /**
     * The component-level name: {@code name}, {@code [constructor]r}, {@code [method]r.name} or {@code [static]r.name}.
     * Needs the resource name, so it is taken as an argument.
     */
    public String fullName(String resourceName) {
        return switch (kind) {
            case FREESTANDING -> name;
            case CONSTRUCTOR -> "[constructor]" + resourceName;
            case METHOD -> "[method]" + resourceName + "." + name;
            case STATIC -> "[static]" + resourceName + "." + name;
        };
    }
}
