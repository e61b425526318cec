package dev.pipeline.api.wit.syntax;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.syntax.Ast.*;
import dev.pipeline.api.wit.syntax.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import dev.pipeline.api.diag.Suggestions;

/** Parses the tokens of one WIT file into an {@link Ast.File}; nesting is bounded so hostile input gives an error. */
public final class WitParser {
    /** How deeply types may nest ({@code list<list<...>>}) before the input is rejected. */
    public static final int MAX_TYPE_DEPTH = 100;

    private final SourceFile file;
    private final List<Token> tokens;
    private int index;
    private int depth;

    private WitParser(SourceFile file) {
        this.file = file;
        this.tokens = WitLexer.tokenize(file);
    }

    /** Parses a whole file. */
    public static Ast.File parse(SourceFile file) {
        try {
            return new WitParser(file).file();
        } catch (StackOverflowError e) {
            // nesting is bounded by MAX_TYPE_DEPTH; this only guards threads with very small stacks
            throw new PipelineException(file.position(0).withLineText(null), "the WIT nests too deeply to parse on this thread's stack", null);
        }
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) index++;
        return t;
    }

    private boolean at(Kind k) {
        return peek().kind() == k;
    }

    private boolean atKeyword(String word) {
        return peek().isKeyword(word);
    }

    private boolean eat(Kind k) {
        if (at(k)) {
            next();
            return true;
        }
        return false;
    }

    private boolean eatKeyword(String word) {
        if (atKeyword(word)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(Kind k, String what) {
        if (!at(k)) throw unexpected(what);
        return next();
    }

    private void expectKeyword(String word) {
        if (!atKeyword(word)) throw unexpected("`" + word + "`");
        next();
    }

    private PipelineException unexpected(String expected) {
        Token t = peek();
        String hint = null;
        if (t.kind() == Kind.KEYWORD && expected.contains("identifier")) {
            hint = "`" + t.text() + "` is a keyword; write `%" + t.text() + "` to use it as a name";
        }
        return file.error(t.offset(), "expected " + expected + ", found " + t.describe(), hint);
    }

    private String id() {
        Token t = peek();
        if (!t.isId()) throw unexpected("an identifier");
        next();
        return t.text();
    }

    private <T> List<T> commaList(Kind close, String what, Supplier<T> element) {
        List<T> out = new ArrayList<>();
        while (!at(close)) {
            out.add(element.get());
            if (!eat(Kind.COMMA)) break;
        }
        if (!at(close)) throw unexpected("`,` or " + closeText(close) + " in " + what);
        next();
        return out;
    }

    private static String closeText(Kind close) {
        return switch (close) {
            case RBRACE -> "`}`";
            case RPAREN -> "`)`";
            case GT -> "`>`";
            default -> close.name();
        };
    }

    // ---- file structure

    private Ast.File file() {
        PackageDecl decl = null;
        List<TopItem> items = new ArrayList<>();
        List<NestedPackage> nested = new ArrayList<>();
        StringBuilder contents = new StringBuilder();
        boolean first = true;
        while (!at(Kind.EOF)) {
            if (atKeyword("package")) {
                PackageDecl d = packageDecl();
                if (eat(Kind.SEMICOLON)) {
                    if (!first) {
                        throw file.error(d.offset(), "the package declaration must come first in a file",
                                "move `package " + d.namespace() + ":" + d.name() + ";` to the top, or give it a `{ ... }` body");
                    }
                    decl = d;
                } else if (eat(Kind.LBRACE)) {
                    List<TopItem> inner = new ArrayList<>();
                    int bodyStart = index;
                    while (!eat(Kind.RBRACE)) {
                        if (at(Kind.EOF)) throw unexpected("`}` closing package " + d.namespace() + ":" + d.name());
                        if (atKeyword("package")) {
                            throw file.error(peek().offset(), "package blocks cannot be nested inside package blocks", null);
                        }
                        inner.add(topItem());
                    }
                    nested.add(new NestedPackage(d, inner, contents(bodyStart, index - 1)));
                } else {
                    throw unexpected("`;` or `{` after the package name");
                }
            } else {
                int itemStart = index;
                items.add(topItem());
                contents.append(contents(itemStart, index));
            }
            first = false;
        }
        if (decl == null && !items.isEmpty() && !nested.isEmpty()) {
            throw file.error(0, "a file with nested package blocks needs a package declaration for its own items",
                    "add `package ns:name;` at the top, or move the items into a package block");
        }
        return new Ast.File(file, decl, items, nested, contents.toString());
    }

    /** The tokens in [from, to) as text, one space apart: a package's contents without comments or layout. */
    private String contents(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            sb.append(t.kind() == Kind.EXPLICIT_ID ? "%" : "").append(t.kind() == Kind.STRING ? "\"" + t.text() + "\"" : t.text()).append(' ');
        }
        return sb.toString();
    }

    private PackageDecl packageDecl() {
        Token start = next(); // package
        String ns = packageWord();
        expect(Kind.COLON, "`:` in the package name (`namespace:name`)");
        String name = packageWord();
        if (at(Kind.COLON) || at(Kind.SLASH)) {
            throw file.error(peek().offset(), "nested namespaces and package paths are not supported",
                    "a package name is `namespace:name@version`");
        }
        String version = null;
        if (eat(Kind.AT)) version = version();
        return new PackageDecl(ns, name, version, start.docs(), start.offset());
    }

    /** A namespace or package name: lowercase kebab-case words, as the component model requires. */
    private String packageWord() {
        Token t = peek();
        String word = id();
        if (!word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
            throw file.error(t.offset(), "package name part `" + word + "` has uppercase letters",
                    "namespaces and package names are lowercase kebab-case");
        }
        return word;
    }

    private String version() {
        Token t = peek();
        if (!t.is(Kind.VERSION)) throw unexpected("a semantic version such as `1.0.0`");
        next();
        SemVer.check(file, t.offset(), t.text());
        return t.text();
    }

    private TopItem topItem() {
        Token first = peek();
        Gate gate = gate();
        String docs = first.docs();
        if (atKeyword("use")) {
            if (!gate.isNone()) throw file.error(first.offset(), "a top-level `use` cannot be gated", null);
            int offset = next().offset();
            UsePath path = usePath();
            String as = null;
            if (eatKeyword("as")) as = id();
            expect(Kind.SEMICOLON, "`;`");
            return new TopUse(path, as, offset);
        }
        if (atKeyword("interface")) {
            int offset = next().offset();
            String name = id();
            expect(Kind.LBRACE, "`{`");
            List<InterfaceMember> members = interfaceMembers();
            return new InterfaceDecl(name, docs, gate, members, offset);
        }
        if (atKeyword("world")) {
            int offset = next().offset();
            String name = id();
            expect(Kind.LBRACE, "`{`");
            List<WorldMember> members = new ArrayList<>();
            while (!eat(Kind.RBRACE)) {
                if (at(Kind.EOF)) throw unexpected("`}` closing world `" + name + "`");
                members.add(worldMember());
            }
            return new WorldDecl(name, docs, gate, members, offset);
        }
        throw unexpected("`interface`, `world`, `use` or `package`");
    }

    private Gate gate() {
        String since = null, unstable = null, deprecated = null;
        int offset = -1;
        while (at(Kind.AT)) {
            Token at = next();
            if (offset < 0) offset = at.offset();
            Token name = peek();
            String attr = id();
            expect(Kind.LPAREN, "`(`");
            switch (attr) {
                case "since" -> {
                    if (since != null) throw file.error(name.offset(), "duplicate `@since`", null);
                    since = versionField();
                }
                case "deprecated" -> {
                    if (deprecated != null) throw file.error(name.offset(), "duplicate `@deprecated`", null);
                    deprecated = versionField();
                }
                case "unstable" -> {
                    if (unstable != null) throw file.error(name.offset(), "duplicate `@unstable`", null);
                    Token key = peek();
                    if (!key.isId() || !key.text().equals("feature")) throw unexpected("`feature`");
                    next();
                    expect(Kind.EQUALS, "`=`");
                    unstable = id();
                }
                default -> throw file.error(name.offset(), "unknown attribute `@" + attr + "`",
                        Suggestions.didYouMean(attr, List.of("since", "unstable", "deprecated")));
            }
            expect(Kind.RPAREN, "`)`");
        }
        if (offset < 0) return Gate.NONE;
        if (since != null && unstable != null) {
            throw file.error(offset, "an item cannot be both `@since` and `@unstable`", "keep one of the two gates");
        }
        if (deprecated != null && since == null && unstable == null) {
            throw file.error(offset, "`@deprecated` must be paired with `@since` or `@unstable`", null);
        }
        return new Gate(since, unstable, deprecated, offset);
    }

    private String versionField() {
        Token key = peek();
        if (!key.isId() || !key.text().equals("version")) throw unexpected("`version`");
        next();
        expect(Kind.EQUALS, "`=`");
        return version();
    }

    private UsePath usePath() {
        Token first = peek();
        if (!peek(1).is(Kind.COLON)) return new LocalPath(id(), first.offset());
        String a = packageWord();
        next();
        String pkg = packageWord();
        if (!at(Kind.SLASH)) {
            throw file.error(first.offset(), "`" + a + ":" + pkg + "` names a package, not an interface or world",
                    "write `" + a + ":" + pkg + "/name`");
        }
        next();
        String name = id();
        if (at(Kind.SLASH)) throw file.error(peek().offset(), "nested package paths are not supported", null);
        String version = null;
        if (eat(Kind.AT)) version = version();
        return new ForeignPath(a, pkg, name, version, first.offset());
    }

    // ---- interfaces

    private List<InterfaceMember> interfaceMembers() {
        List<InterfaceMember> members = new ArrayList<>();
        while (!eat(Kind.RBRACE)) {
            if (at(Kind.EOF)) throw unexpected("`}` closing the interface");
            members.add(interfaceMember());
        }
        return members;
    }

    private InterfaceMember interfaceMember() {
        Token first = peek();
        Gate gate = gate();
        String docs = first.docs();
        if (atKeyword("use")) return useDecl(gate);
        TypeDecl type = typeDecl(docs, gate);
        if (type != null) return type;
        if (peek().isId()) {
            int offset = peek().offset();
            String name = id();
            expect(Kind.COLON, "`:`");
            FuncSig sig = funcSig();
            expect(Kind.SEMICOLON, "`;`");
            return new FuncDecl(name, sig, docs, gate, offset);
        }
        throw unexpected("a type definition, `use` or a function (`name: func(...)`)");
    }

    private UseDecl useDecl(Gate gate) {
        int offset = next().offset();
        UsePath from = usePath();
        expect(Kind.PERIOD, "`.` followed by `{names}`");
        expect(Kind.LBRACE, "`{`");
        List<UseName> names = commaList(Kind.RBRACE, "use", () -> {
            int o = peek().offset();
            String n = id();
            String as = eatKeyword("as") ? id() : null;
            return new UseName(n, as, o);
        });
        expect(Kind.SEMICOLON, "`;`");
        return new UseDecl(from, names, gate, offset);
    }

    /** A type definition if the next token starts one, else null. */
    private TypeDecl typeDecl(String docs, Gate gate) {
        Token t = peek();
        if (t.kind() != Kind.KEYWORD) return null;
        switch (t.text()) {
            case "type" -> {
                next();
                String name = id();
                expect(Kind.EQUALS, "`=`");
                TypeExpr target = type();
                expect(Kind.SEMICOLON, "`;`");
                return new AliasDecl(name, target, docs, gate, t.offset());
            }
            case "record" -> {
                next();
                String name = id();
                expect(Kind.LBRACE, "`{`");
                List<Field> fields = commaList(Kind.RBRACE, "record", () -> {
                    Token f = peek();
                    String n = id();
                    expect(Kind.COLON, "`:`");
                    return new Field(n, type(), f.docs(), f.offset());
                });
                return new RecordDecl(name, fields, docs, gate, t.offset());
            }
            case "variant" -> {
                next();
                String name = id();
                expect(Kind.LBRACE, "`{`");
                List<Case> cases = commaList(Kind.RBRACE, "variant", () -> {
                    Token c = peek();
                    String n = id();
                    TypeExpr payload = null;
                    if (eat(Kind.LPAREN)) {
                        payload = type();
                        expect(Kind.RPAREN, "`)`");
                    }
                    return new Case(n, payload, c.docs(), c.offset());
                });
                return new VariantDecl(name, cases, docs, gate, t.offset());
            }
            case "enum" -> {
                next();
                String name = id();
                expect(Kind.LBRACE, "`{`");
                return new EnumDecl(name, labels("enum"), docs, gate, t.offset());
            }
            case "flags" -> {
                next();
                String name = id();
                expect(Kind.LBRACE, "`{`");
                return new FlagsDecl(name, labels("flags"), docs, gate, t.offset());
            }
            case "resource" -> {
                next();
                String name = id();
                List<ResourceFunc> funcs = new ArrayList<>();
                if (!eat(Kind.SEMICOLON)) {
                    expect(Kind.LBRACE, "`;` or `{`");
                    while (!eat(Kind.RBRACE)) {
                        if (at(Kind.EOF)) throw unexpected("`}` closing resource `" + name + "`");
                        funcs.add(resourceFunc());
                    }
                }
                return new ResourceDecl(name, funcs, docs, gate, t.offset());
            }
            default -> {
                return null;
            }
        }
    }

    private List<Label> labels(String what) {
        return commaList(Kind.RBRACE, what, () -> {
            Token l = peek();
            return new Label(id(), l.docs(), l.offset());
        });
    }

    private ResourceFunc resourceFunc() {
        Token first = peek();
        Gate gate = gate();
        String docs = first.docs();
        if (atKeyword("constructor")) {
            int offset = next().offset();
            int sigOffset = peek().offset();
            List<Param> params = params();
            TypeExpr result = eat(Kind.ARROW) ? type() : null;
            expect(Kind.SEMICOLON, "`;`");
            return new ResourceFunc(ResourceFuncKind.CONSTRUCTOR, "constructor", new FuncSig(false, params, result, sigOffset),
                    docs, gate, offset);
        }
        int offset = peek().offset();
        String name = id();
        expect(Kind.COLON, "`:`");
        boolean isStatic = eatKeyword("static");
        FuncSig sig = funcSig();
        expect(Kind.SEMICOLON, "`;`");
        return new ResourceFunc(isStatic ? ResourceFuncKind.STATIC : ResourceFuncKind.METHOD, name, sig, docs, gate, offset);
    }

    private FuncSig funcSig() {
        int offset = peek().offset();
        boolean async = eatKeyword("async");
        expectKeyword("func");
        List<Param> params = params();
        TypeExpr result = null;
        if (eat(Kind.ARROW)) {
            if (at(Kind.LPAREN)) {
                throw file.error(peek().offset(), "named or multiple results are not supported",
                        "return one type, e.g. a tuple or a record");
            }
            result = type();
        }
        return new FuncSig(async, params, result, offset);
    }

    private List<Param> params() {
        expect(Kind.LPAREN, "`(`");
        return commaList(Kind.RPAREN, "parameters", () -> {
            int o = peek().offset();
            String n = id();
            expect(Kind.COLON, "`:` and a type after parameter `" + n + "`");
            return new Param(n, type(), o);
        });
    }

    // ---- types

    private TypeExpr type() {
        if (++depth > MAX_TYPE_DEPTH) {
            throw file.error(peek().offset(), "types nest more than " + MAX_TYPE_DEPTH + " levels deep", null);
        }
        try {
            return typeInner();
        } finally {
            depth--;
        }
    }

    private TypeExpr typeInner() {
        Token t = peek();
        if (t.isId()) {
            next();
            return new NameExpr(t.text(), t.offset());
        }
        if (t.kind() != Kind.KEYWORD) throw unexpected("a type");
        int o = t.offset();
        switch (t.text()) {
            case "bool", "s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64", "f32", "f64", "char", "string" -> {
                next();
                return new PrimitiveExpr(t.text(), o);
            }
            case "error-context" -> {
                next();
                return new ErrorContextExpr(o);
            }
            case "list" -> {
                next();
                expect(Kind.LT, "`<`");
                TypeExpr element = type();
                Long length = null;
                if (eat(Kind.COMMA)) {
                    Token n = expect(Kind.INTEGER, "a list length");
                    try {
                        length = Long.parseLong(n.text());
                    } catch (NumberFormatException e) {
                        length = Long.MAX_VALUE;
                    }
                    if (length <= 0 || length > 0xFFFF_FFFFL) {
                        throw file.error(n.offset(), "invalid fixed list length `" + n.text() + "`",
                                "a fixed list has between 1 and 4294967295 elements");
                    }
                }
                expect(Kind.GT, "`>`");
                return new ListExpr(element, length, o);
            }
            case "map" -> {
                next();
                expect(Kind.LT, "`<`");
                TypeExpr key = type();
                expect(Kind.COMMA, "`,`");
                TypeExpr value = type();
                expect(Kind.GT, "`>`");
                return new MapExpr(key, value, o);
            }
            case "option" -> {
                next();
                expect(Kind.LT, "`<`");
                TypeExpr some = type();
                expect(Kind.GT, "`>`");
                return new OptionExpr(some, o);
            }
            case "result" -> {
                next();
                if (!eat(Kind.LT)) return new ResultExpr(null, null, o);
                TypeExpr ok = null;
                if (!eat(Kind.UNDERSCORE)) ok = type();
                TypeExpr err = null;
                if (eat(Kind.COMMA)) {
                    err = type();
                } else if (ok == null) {
                    throw unexpected("`,` and an error type after `_`");
                }
                expect(Kind.GT, "`>`");
                return new ResultExpr(ok, err, o);
            }
            case "tuple" -> {
                next();
                expect(Kind.LT, "`<`");
                List<TypeExpr> types = commaList(Kind.GT, "tuple", this::type);
                if (types.isEmpty()) throw file.error(o, "a tuple needs at least one type", null);
                return new TupleExpr(types, o);
            }
            case "borrow", "own" -> {
                next();
                expect(Kind.LT, "`<`");
                Token r = peek();
                String name = id();
                expect(Kind.GT, "`>`");
                return new HandleExpr(t.text().equals("borrow"), name, r.offset(), o);
            }
            case "future", "stream" -> {
                next();
                TypeExpr payload = null;
                if (eat(Kind.LT)) {
                    payload = type();
                    expect(Kind.GT, "`>`");
                }
                return t.text().equals("future") ? new FutureExpr(payload, o) : new StreamExpr(payload, o);
            }
            default -> throw unexpected("a type");
        }
    }

    // ---- worlds

    private WorldMember worldMember() {
        Token first = peek();
        Gate gate = gate();
        String docs = first.docs();
        if (atKeyword("use")) return useDecl(gate);
        if (atKeyword("include")) {
            int offset = next().offset();
            UsePath path = usePath();
            List<IncludeRename> renames = new ArrayList<>();
            if (eatKeyword("with")) {
                expect(Kind.LBRACE, "`{`");
                renames = commaList(Kind.RBRACE, "include renames", () -> {
                    int o = peek().offset();
                    String from = id();
                    expectKeyword("as");
                    return new IncludeRename(from, id(), o);
                });
            } else {
                expect(Kind.SEMICOLON, "`;`");
            }
            return new IncludeDecl(path, renames, gate, offset);
        }
        if (atKeyword("import") || atKeyword("export")) {
            Token kw = next();
            return new ExternDecl(kw.text().equals("import"), extern(), docs, gate, kw.offset());
        }
        TypeDecl type = typeDecl(docs, gate);
        if (type != null) return type;
        throw unexpected("`import`, `export`, `include`, `use` or a type definition");
    }

    private Extern extern() {
        Token name = peek();
        if (!name.isId()) throw unexpected("an interface name or `name:`");
        boolean named = peek(1).is(Kind.COLON) && !(peek(2).isId() && peek(3).is(Kind.SLASH));
        if (!named) {
            UsePath path = usePath();
            expect(Kind.SEMICOLON, "`;`");
            return new ExternPath(path);
        }
        next();
        next(); // ':'
        if (atKeyword("func") || atKeyword("async")) {
            FuncSig sig = funcSig();
            expect(Kind.SEMICOLON, "`;`");
            return new ExternFunc(name.text(), sig, name.offset());
        }
        if (eatKeyword("interface")) {
            expect(Kind.LBRACE, "`{`");
            return new ExternInline(name.text(), interfaceMembers(), name.offset());
        }
        if (peek().isId()) {
            UsePath path = usePath();
            expect(Kind.SEMICOLON, "`;`");
            return new ExternNamedPath(name.text(), path, name.offset());
        }
        throw unexpected("`func`, `interface` or an interface path");
    }
}
