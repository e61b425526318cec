package dev.pipeline.api.component;

/** An alias: of an instance export, of a core instance export, or of an item in an enclosing scope. */
public sealed interface Alias {
    Sort sort();

    /** {@code (alias export instance "name" (sort))}. */
    record InstanceExport(Sort sort, int instance, String name) implements Alias {}

    /** {@code (alias core export instance "name" (core sort))}. */
    record CoreInstanceExport(Sort sort, int instance, String name) implements Alias {}

    /** {@code (alias outer count index (sort))}: {@code count} scopes out. */
    record Outer(Sort sort, int count, int index) implements Alias {}
}
