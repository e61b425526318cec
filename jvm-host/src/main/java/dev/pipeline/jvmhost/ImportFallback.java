package dev.pipeline.jvmhost;

/**
 * Answers a call to an import that has no {@link ImportFunction}: by default the call traps with a message naming
 * the import. {@code pipeline call} uses one that prints the call (in WAVE) for imports without result.
 */
@FunctionalInterface
public interface ImportFallback {
    /** Returns the result (null for none) or throws to trap. */
    Object call(FunctionInfo function, Object[] args) throws Exception;

    /** Traps, naming the import. */
    ImportFallback TRAP = (f, args) -> {
        throw new IllegalStateException("the component called the import `" + f.name() + "`, which has no Java implementation");
    };
}
