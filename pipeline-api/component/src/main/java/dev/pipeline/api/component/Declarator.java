package dev.pipeline.api.component;

/** One declaration inside a component type or instance type. */
public sealed interface Declarator {

    /** A core type definition (kept as its raw encoding). */
    record CoreType(byte[] encoding) implements Declarator {}

    /** A type definition. */
    record Type(DefType def) implements Declarator {}

    /** An alias. */
    record AliasDecl(Alias alias) implements Declarator {}

    /** An import (component types only). */
    record Import(ExternName name, ExternType type) implements Declarator {}

    /** An export. */
    record Export(ExternName name, ExternType type) implements Declarator {}
}
