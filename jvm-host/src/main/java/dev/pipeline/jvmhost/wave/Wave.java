package dev.pipeline.jvmhost.wave;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.jvmhost.ResourceHandle;
import dev.pipeline.jvmhost.Result;
import dev.pipeline.jvmhost.Variant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WAVE, the WebAssembly Value Encoding that wasmtime uses for component values on the command line, read and
 * written against a WIT type, to and from the Java values of {@link dev.pipeline.jvmhost.PythonComponent}:
 * {@code true}, {@code -7}, {@code 1.5}, {@code nan}, {@code inf}, {@code 'c'}, {@code "text"}, {@code [1, 2]},
 * {@code (1, "x")}, {@code {a: 1, b: "x"}} (records; option fields may be left out), {@code {read, write}} (flags),
 * {@code case} / {@code case(payload)} (variants, enums), {@code some(3)}, {@code none}, {@code ok("x")},
 * {@code err(e)}, {@code ok}. A label that is a keyword is written with a {@code %} prefix ({@code %none}).
 */
public final class Wave {
    private static final Set<String> KEYWORDS = Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

    private final Resolve resolve;

    public Wave(Resolve resolve) {
        this.resolve = resolve;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Reads {@code text} as a value of {@code type}. */
    public Object parse(String text, WitType type) {
        Reader r = new Reader(text);
        r.skip();
        Object v = r.value(type);
        r.skip();
        if (r.pos < text.length()) throw r.error("unexpected `" + text.charAt(r.pos) + "` after the value");
        return v;
    }

    private final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        WaveException error(String message) {
            return new WaveException(message, pos + 1);
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        boolean peek(char c) {
            skip();
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c, String what) {
            skip();
            if (pos >= s.length()) throw error("expected `" + c + "` " + what + ", found the end of the text");
            if (s.charAt(pos) != c) throw error("expected `" + c + "` " + what + ", found `" + s.charAt(pos) + "`");
            pos++;
        }

        /** A label or keyword: letters, digits and dashes, with an optional % prefix (returned without it). */
        String label(String what) {
            skip();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '%') pos++;
            int begin = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-')) pos++;
            if (pos == begin) {
                pos = start;
                throw error("expected " + what + (pos < s.length() ? ", found `" + s.charAt(pos) + "`" : ", found the end of the text"));
            }
            return s.substring(begin, pos);
        }

        Object value(WitType type) {
            skip();
            int start = pos;
            WitType t = resolve.dealias(type);
            if (t instanceof WitType.Primitive p) return primitive(p);
            if (t instanceof WitType.ListType l) {
                List<Object> items = sequence('[', ']', l.element(), "list");
                if (resolve.dealias(l.element()) == WitType.Primitive.U8) {
                    byte[] b = new byte[items.size()];
                    for (int i = 0; i < b.length; i++) b[i] = (byte) ((Short) items.get(i)).shortValue();
                    return b;
                }
                return Collections.unmodifiableList(items);
            }
            if (t instanceof WitType.TupleType tu) {
                expect('(', "to start a tuple");
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < tu.types().size(); i++) {
                    if (i > 0) expect(',', "between tuple items");
                    items.add(value(tu.types().get(i)));
                }
                if (peek(',')) pos++;
                expect(')', "to end a tuple of " + tu.types().size());
                return Collections.unmodifiableList(items);
            }
            if (t instanceof WitType.OptionType o) {
                String l = label("`some(…)` or `none`");
                if (l.equals("none")) return Optional.empty();
                if (!l.equals("some")) {
                    pos = start;
                    throw error("expected `some(…)` or `none` for an option, found `" + l + "`");
                }
                expect('(', "after `some`");
                Object v = value(o.some());
                expect(')', "to close `some(`");
                return Optional.of(v);
            }
            if (t instanceof WitType.ResultType r) {
                String l = label("`ok(…)` or `err(…)`");
                WitType payload;
                if (l.equals("ok")) payload = r.ok();
                else if (l.equals("err")) payload = r.err();
                else {
                    pos = start;
                    throw error("expected `ok` or `err` for a result, found `" + l + "`");
                }
                Object v = null;
                if (payload != null) {
                    expect('(', "after `" + l + "` (it has a payload)");
                    v = value(payload);
                    expect(')', "to close `" + l + "(`");
                }
                return l.equals("ok") ? Result.ok(v) : Result.err(v);
            }
            if (t instanceof WitType.HandleType) throw error("resources cannot be written in WAVE");
            TypeDef def = resolve.type(((WitType.TypeRef) t).id());
            TypeDefKind kind = def.kind();
            if (kind instanceof TypeDefKind.RecordDef rec) return record(rec, def);
            if (kind instanceof TypeDefKind.FlagsDef f) return flags(f, def);
            if (kind instanceof TypeDefKind.EnumDef e) {
                String l = label("a case of enum `" + def.name() + "`");
                for (TypeDefKind.Label c : e.cases()) if (c.name().equals(l)) return l;
                pos = start;
                throw error("enum `" + def.name() + "` has no case `" + l + "` (cases: "
                        + String.join(", ", e.cases().stream().map(TypeDefKind.Label::name).toList()) + ")");
            }
            if (kind instanceof TypeDefKind.VariantDef vd) {
                String l = label("a case of variant `" + def.name() + "`");
                for (TypeDefKind.Case c : vd.cases()) {
                    if (!c.name().equals(l)) continue;
                    if (c.type() == null) return Variant.of(l);
                    expect('(', "after `" + l + "` (it has a payload)");
                    Object v = value(c.type());
                    expect(')', "to close `" + l + "(`");
                    return Variant.of(l, v);
                }
                pos = start;
                throw error("variant `" + def.name() + "` has no case `" + l + "` (cases: "
                        + String.join(", ", vd.cases().stream().map(TypeDefKind.Case::name).toList()) + ")");
            }
            throw error("resources cannot be written in WAVE");
        }

        List<Object> sequence(char open, char close, WitType element, String what) {
            expect(open, "to start a " + what);
            List<Object> items = new ArrayList<>();
            while (!peek(close)) {
                if (!items.isEmpty()) {
                    expect(',', "between " + what + " items");
                    if (peek(close)) break;
                }
                items.add(value(element));
            }
            expect(close, "to end a " + what);
            return items;
        }

        Map<String, Object> record(TypeDefKind.RecordDef rec, TypeDef def) {
            expect('{', "to start record `" + def.name() + "`");
            Map<String, Object> given = new LinkedHashMap<>();
            if (peek(':')) {
                pos++;
            } else {
                while (!peek('}')) {
                    if (!given.isEmpty()) {
                        expect(',', "between record fields");
                        if (peek('}')) break;
                    }
                    skip();
                    int at = pos;
                    String name = label("a field name of record `" + def.name() + "`");
                    TypeDefKind.Field field = null;
                    for (TypeDefKind.Field f : rec.fields()) if (f.name().equals(name)) field = f;
                    if (field == null) {
                        pos = at;
                        throw error("record `" + def.name() + "` has no field `" + name + "` (fields: "
                                + String.join(", ", rec.fields().stream().map(TypeDefKind.Field::name).toList()) + ")");
                    }
                    if (given.containsKey(name)) {
                        pos = at;
                        throw error("field `" + name + "` given twice");
                    }
                    expect(':', "after field name `" + name + "`");
                    given.put(name, value(field.type()));
                }
            }
            expect('}', "to end record `" + def.name() + "`");
            Map<String, Object> out = new LinkedHashMap<>();
            for (TypeDefKind.Field f : rec.fields()) {
                if (given.containsKey(f.name())) {
                    out.put(f.name(), given.get(f.name()));
                } else if (resolve.dealias(f.type()) instanceof WitType.OptionType) {
                    out.put(f.name(), Optional.empty());
                } else {
                    pos--;
                    throw error("record `" + def.name() + "` needs field `" + f.name() + "`");
                }
            }
            return out;
        }

        Set<String> flags(TypeDefKind.FlagsDef f, TypeDef def) {
            expect('{', "to start flags `" + def.name() + "`");
            Set<String> out = new LinkedHashSet<>();
            while (!peek('}')) {
                if (!out.isEmpty()) {
                    expect(',', "between flags");
                    if (peek('}')) break;
                }
                skip();
                int at = pos;
                String l = label("a flag of `" + def.name() + "`");
                if (f.flags().stream().noneMatch(x -> x.name().equals(l))) {
                    pos = at;
                    throw error("flags `" + def.name() + "` has no flag `" + l + "` (flags: "
                            + String.join(", ", f.flags().stream().map(TypeDefKind.Label::name).toList()) + ")");
                }
                out.add(l);
            }
            expect('}', "to end flags `" + def.name() + "`");
            Set<String> ordered = new LinkedHashSet<>();
            for (TypeDefKind.Label x : f.flags()) if (out.contains(x.name())) ordered.add(x.name());
            return Collections.unmodifiableSet(ordered);
        }

        Object primitive(WitType.Primitive p) {
            skip();
            int start = pos;
            switch (p) {
                case BOOL -> {
                    String l = label("`true` or `false`");
                    if (l.equals("true")) return true;
                    if (l.equals("false")) return false;
                    pos = start;
                    throw error("expected `true` or `false`, found `" + l + "`");
                }
                case CHAR -> {
                    expect('\'', "to start a char");
                    int cp = character('\'');
                    expect('\'', "to end a char (a char holds one character)");
                    return new String(Character.toChars(cp));
                }
                case STRING -> {
                    expect('"', "to start a string");
                    StringBuilder sb = new StringBuilder();
                    while (true) {
                        if (pos >= s.length()) throw error("unterminated string");
                        if (s.charAt(pos) == '"') break;
                        sb.appendCodePoint(character('"'));
                    }
                    pos++;
                    return sb.toString();
                }
                case F32, F64 -> {
                    double d = number(true);
                    return p == WitType.Primitive.F32 ? (Object) (float) d : (Object) d;
                }
                default -> {
                    BigInteger v = integer();
                    return integerValue(p, v, start);
                }
            }
        }

        int character(char quote) {
            if (pos >= s.length()) throw error("unterminated " + (quote == '"' ? "string" : "char"));
            int c = s.codePointAt(pos);
            if (c == quote) throw error(quote == '\'' ? "empty char" : "unexpected quote");
            if (c == '\n' || c == '\r') throw error("line break inside a quoted value; write \\n");
            if (c != '\\') {
                pos += Character.charCount(c);
                return c;
            }
            pos++;
            if (pos >= s.length()) throw error("unfinished escape");
            char e = s.charAt(pos++);
            switch (e) {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case '\\': return '\\';
                case '\'': return '\'';
                case '"': return '"';
                case 'u': {
                    if (pos >= s.length() || s.charAt(pos) != '{') throw error("expected `{` after \\u");
                    int end = s.indexOf('}', pos);
                    if (end < 0) throw error("unfinished \\u{…} escape");
                    String hex = s.substring(pos + 1, end);
                    int v;
                    try {
                        v = Integer.parseInt(hex, 16);
                    } catch (NumberFormatException x) {
                        throw error("bad \\u{…} escape `" + hex + "`");
                    }
                    if (v >= 0x110000 || (v >= 0xD800 && v <= 0xDFFF)) throw error("\\u{" + hex + "} is not a Unicode scalar value");
                    pos = end + 1;
                    return v;
                }
                default:
                    pos--;
                    throw error("unknown escape `\\" + e + "`");
            }
        }

        BigInteger integer() {
            skip();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == digits) {
                pos = start;
                throw error("expected an integer" + (pos < s.length() ? ", found `" + s.charAt(pos) + "`" : ""));
            }
            if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                throw error("expected an integer, found a fraction or exponent");
            }
            return new BigInteger(s.substring(start, pos));
        }

        double number(boolean allowSpecial) {
            skip();
            int start = pos;
            boolean neg = pos < s.length() && s.charAt(pos) == '-';
            if (neg) pos++;
            if (s.startsWith("inf", pos)) {
                pos += 3;
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (!neg && s.startsWith("nan", pos)) {
                pos += 3;
                return Double.NaN;
            }
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == digits) {
                pos = start;
                throw error("expected a number (or nan, inf, -inf)" + (pos < s.length() ? ", found `" + s.charAt(pos) + "`" : ""));
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int frac = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                if (pos == frac) throw error("expected digits after `.`");
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                int exp = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                if (pos == exp) throw error("expected digits in the exponent");
            }
            return Double.parseDouble(s.substring(start, pos));
        }

        Object integerValue(WitType.Primitive p, BigInteger v, int start) {
            BigInteger min, max;
            switch (p) {
                case S8 -> { min = BigInteger.valueOf(Byte.MIN_VALUE); max = BigInteger.valueOf(Byte.MAX_VALUE); }
                case U8 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(255); }
                case S16 -> { min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); }
                case U16 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(65535); }
                case S32 -> { min = BigInteger.valueOf(Integer.MIN_VALUE); max = BigInteger.valueOf(Integer.MAX_VALUE); }
                case U32 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFFFFFFL); }
                case S64 -> { min = BigInteger.valueOf(Long.MIN_VALUE); max = BigInteger.valueOf(Long.MAX_VALUE); }
                default -> { min = BigInteger.ZERO; max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE); }
            }
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                pos = start;
                throw error(v + " does not fit " + p.wit() + " (" + min + " to " + max + ")");
            }
            return switch (p) {
                case S8 -> v.byteValue();
                case U8, S16 -> v.shortValue();
                case U16, S32 -> v.intValue();
                case U32, S64 -> v.longValue();
                default -> v;
            };
        }
    }

    // ------------------------------------------------------------------------------------------ writing

    /** Writes {@code value} (a Java value of {@code type}) as WAVE. */
    public String print(Object value, WitType type) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, type);
        return sb.toString();
    }

    private void write(StringBuilder sb, Object v, WitType type) {
        WitType t = resolve.dealias(type);
        if (t instanceof WitType.Primitive p) {
            switch (p) {
                case F32 -> sb.append(floatText(((Number) v).floatValue(), true));
                case F64 -> sb.append(floatText(((Number) v).doubleValue(), false));
                case CHAR -> quote(sb, (String) v, '\'');
                case STRING -> quote(sb, (String) v, '"');
                default -> sb.append(v);
            }
            return;
        }
        if (t instanceof WitType.ListType l) {
            sb.append('[');
            if (v instanceof byte[] b) {
                for (int i = 0; i < b.length; i++) sb.append(i == 0 ? "" : ", ").append(b[i] & 0xFF);
            } else {
                int i = 0;
                for (Object x : (Collection<?>) v) {
                    if (i++ > 0) sb.append(", ");
                    write(sb, x, l.element());
                }
            }
            sb.append(']');
            return;
        }
        if (t instanceof WitType.TupleType tu) {
            List<?> items = (List<?>) v;
            sb.append('(');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(", ");
                write(sb, items.get(i), tu.types().get(i));
            }
            sb.append(')');
            return;
        }
        if (t instanceof WitType.OptionType o) {
            Optional<?> opt = (Optional<?>) v;
            if (opt.isEmpty()) {
                sb.append("none");
            } else {
                sb.append("some(");
                write(sb, opt.get(), o.some());
                sb.append(')');
            }
            return;
        }
        if (t instanceof WitType.ResultType r) {
            Result res = (Result) v;
            WitType payload = res.isOk() ? r.ok() : r.err();
            sb.append(res.isOk() ? "ok" : "err");
            if (payload != null) {
                sb.append('(');
                write(sb, res.value(), payload);
                sb.append(')');
            }
            return;
        }
        if (t instanceof WitType.HandleType) {
            sb.append(v instanceof ResourceHandle h ? h.toString() : String.valueOf(v));
            return;
        }
        TypeDef def = resolve.type(((WitType.TypeRef) t).id());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef rec) {
            Map<?, ?> m = (Map<?, ?>) v;
            sb.append('{');
            for (int i = 0; i < rec.fields().size(); i++) {
                TypeDefKind.Field f = rec.fields().get(i);
                if (i > 0) sb.append(", ");
                sb.append(label(f.name())).append(": ");
                write(sb, m.get(f.name()), f.type());
            }
            sb.append('}');
        } else if (kind instanceof TypeDefKind.FlagsDef) {
            sb.append('{');
            int i = 0;
            for (Object x : (Collection<?>) v) sb.append(i++ > 0 ? ", " : "").append(label((String) x));
            sb.append('}');
        } else if (kind instanceof TypeDefKind.EnumDef) {
            sb.append(label((String) v));
        } else if (kind instanceof TypeDefKind.VariantDef vd) {
            Variant var = (Variant) v;
            sb.append(label(var.caseName()));
            for (TypeDefKind.Case c : vd.cases()) {
                if (c.name().equals(var.caseName()) && c.type() != null) {
                    sb.append('(');
                    write(sb, var.payload(), c.type());
                    sb.append(')');
                }
            }
        } else {
            sb.append(v);
        }
    }

    private static String label(String name) {
        return KEYWORDS.contains(name) ? "%" + name : name;
    }

    /** Shortest text that reads back to the same float: {@code 1.5}, {@code 2}, {@code -0}, {@code 1e300}, {@code nan}. */
    static String floatText(double d, boolean f32) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        String s = f32 ? Float.toString((float) d) : Double.toString(d);
        String mantissa = s, exp = null;
        int e = s.indexOf('E');
        if (e >= 0) {
            mantissa = s.substring(0, e);
            exp = s.substring(e + 1);
        }
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return exp == null ? mantissa : mantissa + "e" + exp;
    }

    private static void quote(StringBuilder sb, String s, char q) {
        sb.append(q);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append(q == '"' ? "\\\"" : "\"");
                case '\'' -> sb.append(q == '\'' ? "\\'" : "'");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append("\\u{").append(Integer.toHexString(c)).append('}');
                    else sb.appendCodePoint(c);
                }
            }
        });
        sb.append(q);
    }
}
