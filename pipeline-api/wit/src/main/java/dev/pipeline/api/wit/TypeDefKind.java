package dev.pipeline.api.wit;

import java.util.List;

/** What a named type definition is: record, variant, enum, flags, resource, or an alias of another type. */
public sealed interface TypeDefKind {

    /** A record field. */
    record Field(String name, WitType type, String docs) {}

    /** A variant case; type null when the case has no payload. */
    record Case(String name, WitType type, String docs) {}

    /** A documented name of an enum case or flag. */
    record Label(String name, String docs) {}

    /** {@code record}. */
    record RecordDef(List<Field> fields) implements TypeDefKind {
        public RecordDef { fields = List.copyOf(fields); }
    }

    /** {@code variant}. */
    record VariantDef(List<Case> cases) implements TypeDefKind {
        public VariantDef { cases = List.copyOf(cases); }
    }

    /** {@code enum}. */
    record EnumDef(List<Label> cases) implements TypeDefKind {
        public EnumDef { cases = List.copyOf(cases); }
    }

    /** {@code flags} (at most 32). */
    record FlagsDef(List<Label> flags) implements TypeDefKind {
        public FlagsDef { flags = List.copyOf(flags); }
    }

    /** {@code resource}; its functions are in the owner's function list (see {@link Resolve#resourceFunctions}). */
    record ResourceDef() implements TypeDefKind {}

    /** {@code type x = T;}, or a name brought in by {@code use} (then the target is a {@link WitType.TypeRef} into another interface). */
    record AliasDef(WitType target) implements TypeDefKind {}
}
