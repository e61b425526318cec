package dev.pipeline.api.component;

import java.util.List;

/** A core instance: a module instantiation with named instance arguments, or a bundle of core exports. */
public sealed interface CoreInstance {

    /** {@code (with "name" (instance i))}. */
    record Arg(String name, int instance) {}

    /** {@code (export "name" (core sort idx))}. */
    record InlineExport(String name, Sort sort, int index) {}

    /** Instantiates core module {@code module} with named instance arguments. */
    record Instantiate(int module, List<Arg> args) implements CoreInstance {}

    /** A core instance made of existing core items under new names. */
    record FromExports(List<InlineExport> exports) implements CoreInstance {}
}
