package dev.pipeline.api.component;

import java.util.List;

/** One section of a component binary, in the order it appears. */
public sealed interface ComponentSection {

    /** A custom section: name and payload. */
    record Custom(String name, byte[] data) implements ComponentSection {}

    /** An embedded core module (its complete binary). */
    record CoreModule(byte[] module) implements ComponentSection {}

    /** Core instances (section 2). */
    record CoreInstances(List<CoreInstance> instances) implements ComponentSection {}

    /** Core types, each kept as its raw encoding. */
    record CoreTypes(List<byte[]> types) implements ComponentSection {}

    /** A nested component (section 4). */
    record Nested(Component component) implements ComponentSection {}

    /** Component instances (section 5). */
    record Instances(List<ComponentInstance> instances) implements ComponentSection {}

    /** Aliases (section 6). */
    record Aliases(List<Alias> aliases) implements ComponentSection {}

    /** Type definitions (section 7). */
    record Types(List<DefType> types) implements ComponentSection {}

    /** Canonical definitions (section 8). */
    record Canons(List<Canon> canons) implements ComponentSection {}

    /** The start section (value-level; kept raw). */
    record Start(byte[] encoding) implements ComponentSection {}

    /** Imports (section 10). */
    record Imports(List<Import> imports) implements ComponentSection {}

    /** Exports (section 11). */
    record Exports(List<Export> exports) implements ComponentSection {}

    /** {@code (import name type)}. */
    record Import(ExternName name, ExternType type) {}

    /** {@code (export name (sort index) type?)}; {@code type} may be null. */
    record Export(ExternName name, Sort sort, int index, ExternType type) {}
}
