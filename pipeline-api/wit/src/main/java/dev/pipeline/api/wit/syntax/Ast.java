package dev.pipeline.api.wit.syntax;

import java.util.List;

/** The syntax tree of WIT files as written, before names are resolved; offsets point into {@link SourceFile}. */
public final class Ast {
    private Ast() {}

    /**
     * One parsed file: an optional package declaration, its items, and nested {@code package ... { }} blocks.
     * {@code contents} is the items' tokens without comments or layout, to tell whether two copies of a package agree.
     */
    public record File(SourceFile source, PackageDecl packageDecl, List<TopItem> items, List<NestedPackage> nested,
                       String contents) {}

    /** {@code package ns:name@version}. */
    public record PackageDecl(String namespace, String name, String version, String docs, int offset) {}

    /** A {@code package ns:name { ... }} block inside a file; {@code contents} as for {@link File}. */
    public record NestedPackage(PackageDecl decl, List<TopItem> items, String contents) {}

    /** Feature gates on an item: {@code @since}, {@code @unstable(feature = ...)}, {@code @deprecated}. */
    public record Gate(String since, String unstableFeature, String deprecated, int offset) {
        public static final Gate NONE = new Gate(null, null, null, -1);

        public boolean isNone() {
            return since == null && unstableFeature == null && deprecated == null;
        }
    }

    /** An item at the top of a file or package block. */
    public sealed interface TopItem permits TopUse, InterfaceDecl, WorldDecl {}

    /** {@code use path as name;} at the top level. */
    public record TopUse(UsePath path, String asName, int offset) implements TopItem {}

    /** {@code interface name { ... }}. */
    public record InterfaceDecl(String name, String docs, Gate gate, List<InterfaceMember> members, int offset)
            implements TopItem {}

    /** {@code world name { ... }}. */
    public record WorldDecl(String name, String docs, Gate gate, List<WorldMember> members, int offset)
            implements TopItem {}

    /** A reference to an interface or world: a local name or {@code ns:pkg/name@version}. */
    public sealed interface UsePath permits LocalPath, ForeignPath {
        int offset();

        /** The last name of the path (the interface or world name). */
        String name();
    }

    /** A name in scope of the current package or file. */
    public record LocalPath(String name, int offset) implements UsePath {
        @Override public String toString() { return name; }
    }

    /** {@code ns:pkg/name@version}. */
    public record ForeignPath(String namespace, String pkg, String name, String version, int offset) implements UsePath {
        public String packageName() {
            return namespace + ":" + pkg + (version == null ? "" : "@" + version);
        }

        @Override public String toString() {
            return namespace + ":" + pkg + "/" + name + (version == null ? "" : "@" + version);
        }
    }

    /** An item of an interface: a use, a type definition or a function. */
    public sealed interface InterfaceMember permits UseDecl, TypeDecl, FuncDecl {}

    /** {@code use path.{a, b as c};}. */
    public record UseDecl(UsePath from, List<UseName> names, Gate gate, int offset) implements InterfaceMember, WorldMember {}

    /** One name of a use, with its optional rename. */
    public record UseName(String name, String asName, int offset) {
        public String localName() {
            return asName == null ? name : asName;
        }
    }

    /** A named function of an interface or world. */
    public record FuncDecl(String name, FuncSig sig, String docs, Gate gate, int offset) implements InterfaceMember {}

    /** Parameters and result of a function type. */
    public record FuncSig(boolean async, List<Param> params, TypeExpr result, int offset) {}

    /** A named parameter. */
    public record Param(String name, TypeExpr type, int offset) {}

    /** A named type definition. */
    public sealed interface TypeDecl extends InterfaceMember, WorldMember
            permits RecordDecl, VariantDecl, EnumDecl, FlagsDecl, ResourceDecl, AliasDecl {
        String name();

        String docs();

        Gate gate();

        int offset();
    }

    /** {@code record name { field: type, ... }}. */
    public record RecordDecl(String name, List<Field> fields, String docs, Gate gate, int offset) implements TypeDecl {}

    /** A record field. */
    public record Field(String name, TypeExpr type, String docs, int offset) {}

    /** {@code variant name { case, case(type), ... }}. */
    public record VariantDecl(String name, List<Case> cases, String docs, Gate gate, int offset) implements TypeDecl {}

    /** A variant case with an optional payload. */
    public record Case(String name, TypeExpr type, String docs, int offset) {}

    /** {@code enum name { a, b }}. */
    public record EnumDecl(String name, List<Label> cases, String docs, Gate gate, int offset) implements TypeDecl {}

    /** {@code flags name { a, b }}. */
    public record FlagsDecl(String name, List<Label> flags, String docs, Gate gate, int offset) implements TypeDecl {}

    /** A documented name of an enum case or flag. */
    public record Label(String name, String docs, int offset) {}

    /** {@code resource name;} or {@code resource name { ... }}. */
    public record ResourceDecl(String name, List<ResourceFunc> funcs, String docs, Gate gate, int offset) implements TypeDecl {}

    /** The kinds of functions a resource block holds. */
    public enum ResourceFuncKind { CONSTRUCTOR, METHOD, STATIC }

    /** A constructor, method or static function in a resource block. */
    public record ResourceFunc(ResourceFuncKind kind, String name, FuncSig sig, String docs, Gate gate, int offset) {}

    /** {@code type name = type;}. */
    public record AliasDecl(String name, TypeExpr target, String docs, Gate gate, int offset) implements TypeDecl {}

    /** A type as written. */
    public sealed interface TypeExpr permits PrimitiveExpr, NameExpr, ListExpr, MapExpr, OptionExpr, ResultExpr,
            TupleExpr, HandleExpr, FutureExpr, StreamExpr, ErrorContextExpr {
        int offset();
    }

    /** A built-in scalar or string, named by its keyword. */
    public record PrimitiveExpr(String keyword, int offset) implements TypeExpr {}

    /** A name of a type in scope. */
    public record NameExpr(String name, int offset) implements TypeExpr {}

    /** {@code list<T>} or {@code list<T, N>} (length null when not fixed). */
    public record ListExpr(TypeExpr element, Long length, int offset) implements TypeExpr {}

    /** {@code map<K, V>}. */
    public record MapExpr(TypeExpr key, TypeExpr value, int offset) implements TypeExpr {}

    /** {@code option<T>}. */
    public record OptionExpr(TypeExpr some, int offset) implements TypeExpr {}

    /** {@code result}, {@code result<T>}, {@code result<_, E>}, {@code result<T, E>} (absent parts null). */
    public record ResultExpr(TypeExpr ok, TypeExpr err, int offset) implements TypeExpr {}

    /** {@code tuple<A, B, ...>}. */
    public record TupleExpr(List<TypeExpr> types, int offset) implements TypeExpr {}

    /** {@code borrow<R>} or {@code own<R>}. */
    public record HandleExpr(boolean borrow, String resource, int resourceOffset, int offset) implements TypeExpr {}

    /** {@code future} or {@code future<T>}. */
    public record FutureExpr(TypeExpr payload, int offset) implements TypeExpr {}

    /** {@code stream} or {@code stream<T>}. */
    public record StreamExpr(TypeExpr payload, int offset) implements TypeExpr {}

    /** {@code error-context}. */
    public record ErrorContextExpr(int offset) implements TypeExpr {}

    /** An item of a world. */
    public sealed interface WorldMember permits UseDecl, TypeDecl, ExternDecl, IncludeDecl {}

    /** {@code import ...} or {@code export ...}. */
    public record ExternDecl(boolean isImport, Extern extern, String docs, Gate gate, int offset) implements WorldMember {}

    /** What a world imports or exports. */
    public sealed interface Extern permits ExternPath, ExternNamedPath, ExternFunc, ExternInline {}

    /** {@code import iface;} or {@code import ns:pkg/iface;}. */
    public record ExternPath(UsePath path) implements Extern {}

    /** {@code import name: ns:pkg/iface;}. */
    public record ExternNamedPath(String name, UsePath path, int nameOffset) implements Extern {}

    /** {@code import name: func(...);}. */
    public record ExternFunc(String name, FuncSig sig, int nameOffset) implements Extern {}

    /** {@code import name: interface { ... }}. */
    public record ExternInline(String name, List<InterfaceMember> members, int nameOffset) implements Extern {}

    /** {@code include path with { a as b };}. */
    public record IncludeDecl(UsePath path, List<IncludeRename> renames, Gate gate, int offset) implements WorldMember {}

    /** One rename of an include. */
    public record IncludeRename(String from, String to, int offset) {}
}
