package dev.pipeline.jvmhost;

/**
 * Supplies import implementations to {@code pipeline call --imports JAR[:CLASS]}: a public class with a no-argument
 * constructor (named after the colon, or listed in the jar's {@code META-INF/services/dev.pipeline.jvmhost.ImportProvider}).
 */
public interface ImportProvider {
    /** The implementations for the given component's world. */
    Imports imports(PythonComponent component);
}
