package dev.pipeline.jvmhost;

/**
 * A Java implementation of one function the component imports. It receives the arguments as Java values (see
 * docs/jvm-host.md for the mapping) and returns the result (null for a function without result). For a WIT result
 * {@code result<T, E>} it may return a {@link Result} or the ok payload, or throw {@link ComponentErrorException}
 * for {@code err}. Any other exception traps the calling instance.
 */
@FunctionalInterface
public interface ImportFunction {
    Object call(Object[] args) throws Exception;
}
