package dev.pipeline.api.component;

import java.util.List;

/** One section of a component binary, in the order it appears. */
public sealed interface ComponentSection {

    record Custom(String name, byte[] data) implements ComponentSection {}

    /** An embedded core module (its complete binary). */
    record CoreModule(byte[] module) implements ComponentSection {}

    record CoreInstances(List<CoreInstance> instances) implements ComponentSection {}

    /** Core types, each kept as its raw encoding. */
    record CoreTypes(List<byte[]> types) implements ComponentSection {}

    record Nested(Component component) implements ComponentSection {}

    record Instances(List<ComponentInstance> instances) implements ComponentSection {}

    record Aliases(List<Alias> aliases) implements ComponentSection {}

    record Types(List<TypeDef> types) implements ComponentSection {}

    record Canons(List<Canon> canons) implements ComponentSection {}

    /** The start section (value-level; kept raw). */
    record Start(byte[] encoding) implements ComponentSection {}

    record Imports(List<Import> imports) implements ComponentSection {}

    record Exports(List<Export> exports) implements ComponentSection {}

    /** {@code (import name type)}. */
    record Import(ExternName name, ExternType type) {}

    /** {@code (export name (sort index) type?)}; {@code type} may be null. */
    record Export(ExternName name, Sort sort, int index, ExternType type) {}
}
