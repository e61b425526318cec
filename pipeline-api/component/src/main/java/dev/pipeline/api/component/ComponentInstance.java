package dev.pipeline.api.component;

import java.util.List;

/** A component instance: an instantiation of a nested component with arguments, or a bundle of exports. */
public sealed interface ComponentInstance {

    /** {@code (with "name" (sort idx))}. */
    record Arg(String name, Sort sort, int index) {}

    /** {@code (export name (sort idx))}. */
    record InlineExport(ExternName name, Sort sort, int index) {}

    /** Instantiates nested component {@code component} with named arguments. */
    record Instantiate(int component, List<Arg> args) implements ComponentInstance {}

    /** An instance made of existing items exported under new names. */
    record FromExports(List<InlineExport> exports) implements ComponentInstance {}
}
