package dev.pipeline.jvmhost.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.abi.Layout;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.world.WorldView;
import dev.pipeline.jvmhost.Result;
import dev.pipeline.jvmhost.Variant;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.pipeline.jvmhost.Values;

/**
 * The canonical ABI in Java: lowers Java values into flat core values and linear memory, and lifts them back, for one
 * world. Flat values are Chicory's raw {@code long}s (an i32 or f32 in the low 32 bits, f32/f64 as their IEEE bits),
 * so the bit-preserving joins of variant payloads need no conversion. The Java side of each WIT type is documented in
 * docs/jvm-host.md.
 */
public final class ValueCodec {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Resolve resolve;
    private final CanonicalAbi abi;
    private final WorldView view;
    private final Map<WitType, Integer> flatCounts = new ConcurrentHashMap<>();

    public ValueCodec(WorldView view) {
        this.view = view;
        this.resolve = view.resolve();
        this.abi = new CanonicalAbi(resolve);
    }

    /** The canonical ABI of the world's types. */
    public CanonicalAbi abi() {
        return abi;
    }

    /** How many flat core values carry a value of {@code t}. */
    public int flatCount(WitType t) {
        Integer n = flatCounts.get(t);
        if (n == null) {
            n = abi.flatten(t).size();
            flatCounts.put(t, n);
        }
        return n;
    }

    /** The WIT text of a type, for messages and listings. */
    public String typeName(WitType t) {
        if (t instanceof WitType.Primitive p) return p.wit();
        if (t instanceof WitType.ListType l) return "list<" + typeName(l.element()) + ">";
        if (t instanceof WitType.OptionType o) return "option<" + typeName(o.some()) + ">";
        if (t instanceof WitType.ResultType r) {
            if (r.ok() == null && r.err() == null) return "result";
            if (r.err() == null) return "result<" + typeName(r.ok()) + ">";
            return "result<" + (r.ok() == null ? "_" : typeName(r.ok())) + ", " + typeName(r.err()) + ">";
        }
        if (t instanceof WitType.TupleType tu) {
            return "tuple<" + String.join(", ", tu.types().stream().map(this::typeName).toList()) + ">";
        }
        if (t instanceof WitType.HandleType h) return (h.borrow() ? "borrow<" : "") + resolve.type(h.resource()).name() + (h.borrow() ? ">" : "");
        if (t instanceof WitType.TypeRef r) return resolve.type(r.id()).name();
        return t.toString();
    }

    // ------------------------------------------------------------------------------------------ lowering, flat

    /** Appends the flat core values of {@code v} (of type {@code t}) to {@code out}. */
    public void lowerFlat(Guest g, WitType t, Object v, LongList out) {
        if (t instanceof WitType.Primitive p) {
            switch (p) {
                case BOOL -> out.add(bool(v) ? 1 : 0);
                case S8, U8, S16, U16, S32, U32, CHAR -> out.add(int32(p, v));
                case S64, U64 -> out.add(int64(p, v));
                case F32 -> out.add(Float.floatToRawIntBits(float32(v)) & 0xFFFFFFFFL);
                case F64 -> out.add(Double.doubleToRawLongBits(float64(v)));
                case STRING -> {
                    byte[] utf8 = string(v).getBytes(StandardCharsets.UTF_8);
                    out.add(copyIn(g, utf8, 1));
                    out.add(utf8.length);
                }
            }
            return;
        }
        if (t instanceof WitType.ListType l) {
            int[] pl = lowerList(g, l.element(), v);
            out.add(pl[0]);
            out.add(pl[1]);
            return;
        }
        if (t instanceof WitType.TupleType tu) {
            List<?> items = sequence(v, tu.types().size(), "tuple");
            for (int i = 0; i < items.size(); i++) lowerFlat(g, tu.types().get(i), items.get(i), out);
            return;
        }
        if (t instanceof WitType.OptionType o) {
            Optional<?> opt = option(v);
            lowerCase(g, t, opt.isPresent() ? 1 : 0, opt.isPresent() ? o.some() : null, opt.orElse(null), out);
            return;
        }
        if (t instanceof WitType.ResultType r) {
            Result res = result(v);
            lowerCase(g, t, res.isOk() ? 0 : 1, res.isOk() ? r.ok() : r.err(), res.value(), out);
            return;
        }
        if (t instanceof WitType.HandleType h) {
            out.add(g.lowerHandle(view.resourceOf(h.resource()), h.borrow(), v) & 0xFFFFFFFFL);
            return;
        }
        TypeDef def = resolve.type(((WitType.TypeRef) t).id());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.AliasDef a) {
            lowerFlat(g, a.target(), v, out);
        } else if (kind instanceof TypeDefKind.RecordDef r) {
            for (TypeDefKind.Field f : r.fields()) lowerFlat(g, f.type(), field(v, f.name(), def), out);
        } else if (kind instanceof TypeDefKind.VariantDef vd) {
            Variant var = variant(v, def);
            int i = caseIndex(vd, var.caseName(), def);
            WitType payload = vd.cases().get(i).type();
            lowerCase(g, t, i, payload, var.payload(), out);
        } else if (kind instanceof TypeDefKind.EnumDef e) {
            out.add(enumIndex(e, v, def));
        } else if (kind instanceof TypeDefKind.FlagsDef f) {
            out.add(flagBits(f, v, def) & 0xFFFFFFFFL);
        } else {
            throw new ValueException("`" + def.name() + "` is a resource; pass a handle");
        }
    }

    private void lowerCase(Guest g, WitType variantType, int disc, WitType payload, Object value, LongList out) {
        int width = flatCount(variantType);
        int start = out.size();
        out.add(disc);
        if (payload != null) lowerFlat(g, payload, value, out);
        else if (value != null) throw new ValueException("this case has no payload, got " + describe(value));
        while (out.size() < start + width) out.add(0);
    }

    // ------------------------------------------------------------------------------------------ lowering, memory

    /** Stores {@code v} (of type {@code t}) at {@code addr} in the canonical memory layout. */
    public void store(Guest g, WitType t, Object v, int addr) {
        Memory m = g.memory();
        if (t instanceof WitType.Primitive p) {
            switch (p) {
                case BOOL -> m.writeByte(addr, (byte) (bool(v) ? 1 : 0));
                case S8, U8 -> m.writeByte(addr, (byte) int32(p, v));
                case S16, U16 -> m.writeShort(addr, (short) int32(p, v));
                case S32, U32, CHAR -> m.writeI32(addr, (int) int32(p, v));
                case S64, U64 -> m.writeLong(addr, int64(p, v));
                case F32 -> m.writeI32(addr, Float.floatToRawIntBits(float32(v)));
                case F64 -> m.writeLong(addr, Double.doubleToRawLongBits(float64(v)));
                case STRING -> {
                    byte[] utf8 = string(v).getBytes(StandardCharsets.UTF_8);
                    int ptr = copyIn(g, utf8, 1);
                    m.writeI32(addr, ptr);
                    m.writeI32(addr + 4, utf8.length);
                }
            }
            return;
        }
        if (t instanceof WitType.ListType l) {
            int[] pl = lowerList(g, l.element(), v);
            m.writeI32(addr, pl[0]);
            m.writeI32(addr + 4, pl[1]);
            return;
        }
        if (t instanceof WitType.TupleType tu) {
            List<?> items = sequence(v, tu.types().size(), "tuple");
            Layout layout = abi.recordLayout(tu.types());
            for (int i = 0; i < items.size(); i++) store(g, tu.types().get(i), items.get(i), addr + layout.offsets().get(i));
            return;
        }
        if (t instanceof WitType.OptionType o) {
            Optional<?> opt = option(v);
            storeCase(g, abi.layout(t), addr, opt.isPresent() ? 1 : 0, opt.isPresent() ? o.some() : null, opt.orElse(null));
            return;
        }
        if (t instanceof WitType.ResultType r) {
            Result res = result(v);
            storeCase(g, abi.layout(t), addr, res.isOk() ? 0 : 1, res.isOk() ? r.ok() : r.err(), res.value());
            return;
        }
        if (t instanceof WitType.HandleType h) {
            m.writeI32(addr, g.lowerHandle(view.resourceOf(h.resource()), h.borrow(), v));
            return;
        }
        TypeDef def = resolve.type(((WitType.TypeRef) t).id());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.AliasDef a) {
            store(g, a.target(), v, addr);
        } else if (kind instanceof TypeDefKind.RecordDef r) {
            Layout layout = abi.layout(t);
            for (int i = 0; i < r.fields().size(); i++) {
                TypeDefKind.Field f = r.fields().get(i);
                store(g, f.type(), field(v, f.name(), def), addr + layout.offsets().get(i));
            }
        } else if (kind instanceof TypeDefKind.VariantDef vd) {
            Variant var = variant(v, def);
            int i = caseIndex(vd, var.caseName(), def);
            storeCase(g, abi.layout(t), addr, i, vd.cases().get(i).type(), var.payload());
        } else if (kind instanceof TypeDefKind.EnumDef e) {
            writeDisc(m, addr, abi.layout(t).discriminantSize(), enumIndex(e, v, def));
        } else if (kind instanceof TypeDefKind.FlagsDef f) {
            writeDisc(m, addr, CanonicalAbi.flagsSize(f.flags().size()), flagBits(f, v, def));
        } else {
            throw new ValueException("`" + def.name() + "` is a resource; pass a handle");
        }
    }

    private void storeCase(Guest g, Layout layout, int addr, int disc, WitType payload, Object value) {
        writeDisc(g.memory(), addr, layout.discriminantSize(), disc);
        if (payload != null) store(g, payload, value, addr + layout.payloadOffset());
        else if (value != null) throw new ValueException("this case has no payload, got " + describe(value));
    }

    private static void writeDisc(Memory m, int addr, int size, int value) {
        switch (size) {
            case 1 -> m.writeByte(addr, (byte) value);
            case 2 -> m.writeShort(addr, (short) value);
            default -> m.writeI32(addr, value);
        }
    }

    /** Lowers a list into freshly allocated memory; returns {pointer, length}. */
    private int[] lowerList(Guest g, WitType element, Object v) {
        WitType e = resolve.dealias(element);
        if (e == WitType.Primitive.U8 && v instanceof byte[] bytes) return new int[] {copyIn(g, bytes, 1), bytes.length};
        if (e == WitType.Primitive.U8 && !(v instanceof List<?>) && !(v instanceof Object[])) {
            throw new ValueException("expected byte[] (or a List) for list<u8>, got " + describe(v));
        }
        List<?> items = sequence(v, -1, "list");
        int size = abi.size(element);
        int align = abi.align(element);
        if (items.isEmpty()) return new int[] {align, 0};
        int ptr = g.alloc(align, Math.multiplyExact(size, items.size()));
        for (int i = 0; i < items.size(); i++) store(g, element, items.get(i), ptr + i * size);
        return new int[] {ptr, items.size()};
    }

    private static int copyIn(Guest g, byte[] bytes, int align) {
        if (bytes.length == 0) return align;
        int ptr = g.alloc(align, bytes.length);
        g.memory().write(ptr, bytes);
        return ptr;
    }

    // ------------------------------------------------------------------------------------------ lifting, flat

    /** Reads a value of type {@code t} from the flat values at {@code in}'s cursor (advancing it). */
    public Object liftFlat(Guest g, WitType t, FlatReader in) {
        if (t instanceof WitType.Primitive p) {
            return switch (p) {
                case BOOL -> (int) in.next() != 0;
                case S8 -> (byte) in.next();
                case U8 -> (short) (in.next() & 0xFF);
                case S16 -> (short) in.next();
                case U16 -> (int) (in.next() & 0xFFFF);
                case S32 -> (int) in.next();
                case U32 -> in.next() & 0xFFFFFFFFL;
                case S64 -> in.next();
                case U64 -> unsigned64(in.next());
                case F32 -> Float.intBitsToFloat((int) in.next());
                case F64 -> Double.longBitsToDouble(in.next());
                case CHAR -> charOf((int) in.next());
                case STRING -> {
                    int ptr = (int) in.next();
                    int len = (int) in.next();
                    yield readString(g, ptr, len);
                }
            };
        }
        if (t instanceof WitType.ListType l) {
            int ptr = (int) in.next();
            int len = (int) in.next();
            return liftList(g, l.element(), ptr, len);
        }
        if (t instanceof WitType.TupleType tu) {
            Object[] items = new Object[tu.types().size()];
            for (int i = 0; i < items.length; i++) items[i] = liftFlat(g, tu.types().get(i), in);
            return Collections.unmodifiableList(Arrays.asList(items));
        }
        if (t instanceof WitType.OptionType o) {
            int start = in.position();
            int disc = (int) in.next();
            Object out;
            if (disc == 0) out = Optional.empty();
            else if (disc == 1) out = Optional.of(liftFlat(g, o.some(), in));
            else throw new ValueException("option discriminant " + disc + " out of range");
            in.seek(start + flatCount(t));
            return out;
        }
        if (t instanceof WitType.ResultType r) {
            int start = in.position();
            int disc = (int) in.next();
            Result out;
            if (disc == 0) out = Result.ok(r.ok() == null ? null : liftFlat(g, r.ok(), in));
            else if (disc == 1) out = Result.err(r.err() == null ? null : liftFlat(g, r.err(), in));
            else throw new ValueException("result discriminant " + disc + " out of range");
            in.seek(start + flatCount(t));
            return out;
        }
        if (t instanceof WitType.HandleType h) {
            return g.liftHandle(view.resourceOf(h.resource()), h.borrow(), (int) in.next());
        }
        TypeDef def = resolve.type(((WitType.TypeRef) t).id());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.AliasDef a) return liftFlat(g, a.target(), in);
        if (kind instanceof TypeDefKind.RecordDef r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (TypeDefKind.Field f : r.fields()) out.put(f.name(), liftFlat(g, f.type(), in));
            return out;
        }
        if (kind instanceof TypeDefKind.VariantDef vd) {
            int start = in.position();
            int disc = (int) in.next();
            if (disc < 0 || disc >= vd.cases().size()) throw new ValueException("variant `" + def.name() + "` discriminant " + disc + " out of range");
            TypeDefKind.Case c = vd.cases().get(disc);
            Variant out = new Variant(c.name(), c.type() == null ? null : liftFlat(g, c.type(), in));
            in.seek(start + flatCount(t));
            return out;
        }
        if (kind instanceof TypeDefKind.EnumDef e) return enumName(e, (int) in.next(), def);
        if (kind instanceof TypeDefKind.FlagsDef f) return flagSet(f, (int) in.next());
        throw new ValueException("`" + def.name() + "` is a resource, not a value");
    }

    // ------------------------------------------------------------------------------------------ lifting, memory

    /** Reads a value of type {@code t} stored at {@code addr}. */
    public Object load(Guest g, WitType t, int addr) {
        Memory m = g.memory();
        if (t instanceof WitType.Primitive p) {
            return switch (p) {
                case BOOL -> m.read(addr) != 0;
                case S8 -> m.read(addr);
                case U8 -> (short) (m.read(addr) & 0xFF);
                case S16 -> m.readShort(addr);
                case U16 -> m.readShort(addr) & 0xFFFF;
                case S32 -> m.readInt(addr);
                case U32 -> m.readInt(addr) & 0xFFFFFFFFL;
                case S64 -> m.readLong(addr);
                case U64 -> unsigned64(m.readLong(addr));
                case F32 -> Float.intBitsToFloat(m.readInt(addr));
                case F64 -> Double.longBitsToDouble(m.readLong(addr));
                case CHAR -> charOf(m.readInt(addr));
                case STRING -> readString(g, m.readInt(addr), m.readInt(addr + 4));
            };
        }
        if (t instanceof WitType.ListType l) return liftList(g, l.element(), m.readInt(addr), m.readInt(addr + 4));
        if (t instanceof WitType.TupleType tu) {
            Layout layout = abi.recordLayout(tu.types());
            Object[] items = new Object[tu.types().size()];
            for (int i = 0; i < items.length; i++) items[i] = load(g, tu.types().get(i), addr + layout.offsets().get(i));
            return Collections.unmodifiableList(Arrays.asList(items));
        }
        if (t instanceof WitType.OptionType o) {
            Layout layout = abi.layout(t);
            int disc = readDisc(m, addr, layout.discriminantSize());
            if (disc == 0) return Optional.empty();
            if (disc == 1) return Optional.of(load(g, o.some(), addr + layout.payloadOffset()));
            throw new ValueException("option discriminant " + disc + " out of range");
        }
        if (t instanceof WitType.ResultType r) {
            Layout layout = abi.layout(t);
            int disc = readDisc(m, addr, layout.discriminantSize());
            if (disc == 0) return Result.ok(r.ok() == null ? null : load(g, r.ok(), addr + layout.payloadOffset()));
            if (disc == 1) return Result.err(r.err() == null ? null : load(g, r.err(), addr + layout.payloadOffset()));
            throw new ValueException("result discriminant " + disc + " out of range");
        }
        if (t instanceof WitType.HandleType h) return g.liftHandle(view.resourceOf(h.resource()), h.borrow(), m.readInt(addr));
        TypeDef def = resolve.type(((WitType.TypeRef) t).id());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.AliasDef a) return load(g, a.target(), addr);
        if (kind instanceof TypeDefKind.RecordDef r) {
            Layout layout = abi.layout(t);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < r.fields().size(); i++) {
                TypeDefKind.Field f = r.fields().get(i);
                out.put(f.name(), load(g, f.type(), addr + layout.offsets().get(i)));
            }
            return out;
        }
        if (kind instanceof TypeDefKind.VariantDef vd) {
            Layout layout = abi.layout(t);
            int disc = readDisc(m, addr, layout.discriminantSize());
            if (disc < 0 || disc >= vd.cases().size()) throw new ValueException("variant `" + def.name() + "` discriminant " + disc + " out of range");
            TypeDefKind.Case c = vd.cases().get(disc);
            return new Variant(c.name(), c.type() == null ? null : load(g, c.type(), addr + layout.payloadOffset()));
        }
        if (kind instanceof TypeDefKind.EnumDef e) return enumName(e, readDisc(m, addr, abi.layout(t).discriminantSize()), def);
        if (kind instanceof TypeDefKind.FlagsDef f) return flagSet(f, readDisc(m, addr, CanonicalAbi.flagsSize(f.flags().size())));
        throw new ValueException("`" + def.name() + "` is a resource, not a value");
    }

    private static int readDisc(Memory m, int addr, int size) {
        return switch (size) {
            case 1 -> m.read(addr) & 0xFF;
            case 2 -> m.readShort(addr) & 0xFFFF;
            default -> m.readInt(addr);
        };
    }

    private Object liftList(Guest g, WitType element, int ptr, int len) {
        Memory m = g.memory();
        WitType e = resolve.dealias(element);
        if (e == WitType.Primitive.U8) return len == 0 ? new byte[0] : m.readBytes(ptr, len);
        int size = abi.size(element);
        if (len < 0 || (long) len * size > Integer.MAX_VALUE) throw new ValueException("list length " + len + " out of range");
        Object[] items = new Object[len];
        for (int i = 0; i < len; i++) items[i] = load(g, element, ptr + i * size);
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    private static String readString(Guest g, int ptr, int len) {
        if (len == 0) return "";
        return new String(g.memory().readBytes(ptr, len), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ Java side checks

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + Values.describe(v);
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) return b;
        throw new ValueException("expected Boolean for bool, got " + describe(v));
    }

    private static long integral(String wit, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof BigInteger b) {
            if (b.bitLength() > 63) throw new ValueException(b + " does not fit " + wit);
            return b.longValue();
        }
        throw new ValueException("expected an integer for " + wit + ", got " + describe(v));
    }

    /** s8…u32 and char as the i32 flat value (zero-extended into the long). */
    private static long int32(WitType.Primitive p, Object v) {
        if (p == WitType.Primitive.CHAR) return codePoint(v);
        long x = integral(p.wit(), v);
        long min, max;
        switch (p) {
            case S8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case U8 -> { min = 0; max = 0xFF; }
            case S16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case U16 -> { min = 0; max = 0xFFFF; }
            case S32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> { min = 0; max = 0xFFFFFFFFL; }
        }
        if (x < min || x > max) throw new ValueException(x + " does not fit " + p.wit() + " (" + min + " to " + max + ")");
        return x & 0xFFFFFFFFL;
    }

    private static long int64(WitType.Primitive p, Object v) {
        if (p == WitType.Primitive.U64) {
            if (v instanceof BigInteger b) {
                if (b.signum() < 0 || b.compareTo(U64_MAX) > 0) throw new ValueException(b + " does not fit u64 (0 to " + U64_MAX + ")");
                return b.longValue();
            }
            long x = integral("u64", v);
            if (x < 0) throw new ValueException(x + " does not fit u64 (0 to " + U64_MAX + ")");
            return x;
        }
        return integral(p.wit(), v);
    }

    private static BigInteger unsigned64(long bits) {
        BigInteger b = BigInteger.valueOf(bits);
        return bits >= 0 ? b : b.add(BigInteger.ONE.shiftLeft(64));
    }

    private static float float32(Object v) {
        if (v instanceof Float f) return f;
        if (v instanceof Double d) return d.floatValue();
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).floatValue();
        throw new ValueException("expected Float for f32, got " + describe(v));
    }

    private static double float64(Object v) {
        if (v instanceof Double d) return d;
        if (v instanceof Float f) return f;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Long) return ((Number) v).doubleValue();
        throw new ValueException("expected Double for f64, got " + describe(v));
    }

    private static int codePoint(Object v) {
        if (v instanceof Character c) {
            if (Character.isSurrogate(c)) throw new ValueException("a lone surrogate is not a char");
            return c;
        }
        if (v instanceof String s && !s.isEmpty() && s.codePointCount(0, s.length()) == 1) {
            int cp = s.codePointAt(0);
            if (cp >= 0xD800 && cp <= 0xDFFF) throw new ValueException("a lone surrogate is not a char");
            return cp;
        }
        throw new ValueException("expected a String of one code point for char, got " + describe(v));
    }

    private static String charOf(int cp) {
        if (cp < 0 || cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new ValueException("char: invalid code point 0x" + Integer.toHexString(cp));
        }
        return new String(Character.toChars(cp));
    }

    private static String string(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof CharSequence s) return s.toString();
        throw new ValueException("expected String for string, got " + describe(v));
    }

    private static List<?> sequence(Object v, int n, String what) {
        List<?> items;
        if (v instanceof List<?> l) items = l;
        else if (v instanceof Object[] a) items = Arrays.asList(a);
        else if (v instanceof Collection<?> c) items = new ArrayList<>(c);
        else throw new ValueException("expected a List for " + what + ", got " + describe(v));
        if (n >= 0 && items.size() != n) throw new ValueException("expected " + n + " items for " + what + ", got " + items.size());
        return items;
    }

    private static Optional<?> option(Object v) {
        if (v == null) return Optional.empty();
        if (v instanceof Optional<?> o) return o;
        throw new ValueException("expected Optional for option, got " + describe(v));
    }

    private static Result result(Object v) {
        if (v instanceof Result r) return r;
        throw new ValueException("expected Result.ok(…) or Result.err(…) for result, got " + describe(v));
    }

    private static Object field(Object v, String name, TypeDef def) {
        if (v instanceof Map<?, ?> map) {
            if (map.containsKey(name)) return map.get(name);
            String camel = camel(name);
            if (map.containsKey(camel)) return map.get(camel);
            throw new ValueException("record `" + def.name() + "`: missing field `" + name + "` (have " + map.keySet() + ")");
        }
        if (v instanceof java.lang.Record rec) {
            String camel = camel(name);
            for (RecordComponent c : rec.getClass().getRecordComponents()) {
                if (c.getName().equals(camel)) {
                    try {
                        c.getAccessor().setAccessible(true);
                        return c.getAccessor().invoke(rec);
                    } catch (ReflectiveOperationException e) {
                        throw new ValueException("record `" + def.name() + "`: cannot read " + camel + ": " + e);
                    }
                }
            }
            throw new ValueException("record `" + def.name() + "`: " + rec.getClass().getSimpleName() + " has no component `" + camel + "`");
        }
        throw new ValueException("expected a Map (or a Java record) for record `" + def.name() + "`, got " + describe(v));
    }

    /** {@code kebab-case} → {@code camelCase}. */
    public static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static Variant variant(Object v, TypeDef def) {
        if (v instanceof Variant var) return var;
        if (v instanceof String s) return Variant.of(s);
        throw new ValueException("expected Variant for variant `" + def.name() + "`, got " + describe(v));
    }

    private static int caseIndex(TypeDefKind.VariantDef vd, String name, TypeDef def) {
        for (int i = 0; i < vd.cases().size(); i++) if (vd.cases().get(i).name().equals(name)) return i;
        throw new ValueException("variant `" + def.name() + "` has no case `" + name + "` (cases: "
                + String.join(", ", vd.cases().stream().map(TypeDefKind.Case::name).toList()) + ")");
    }

    private static int enumIndex(TypeDefKind.EnumDef e, Object v, TypeDef def) {
        String name = v instanceof Enum<?> en ? en.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : v instanceof String s ? s : null;
        if (name == null) throw new ValueException("expected a String case name for enum `" + def.name() + "`, got " + describe(v));
        for (int i = 0; i < e.cases().size(); i++) if (e.cases().get(i).name().equals(name)) return i;
        throw new ValueException("enum `" + def.name() + "` has no case `" + name + "` (cases: "
                + String.join(", ", e.cases().stream().map(TypeDefKind.Label::name).toList()) + ")");
    }

    private static String enumName(TypeDefKind.EnumDef e, int disc, TypeDef def) {
        if (disc < 0 || disc >= e.cases().size()) throw new ValueException("enum `" + def.name() + "` discriminant " + disc + " out of range");
        return e.cases().get(disc).name();
    }

    private static int flagBits(TypeDefKind.FlagsDef f, Object v, TypeDef def) {
        if (!(v instanceof Collection<?> names)) throw new ValueException("expected a Set of flag names for flags `" + def.name() + "`, got " + describe(v));
        int bits = 0;
        outer:
        for (Object n : names) {
            for (int i = 0; i < f.flags().size(); i++) {
                if (f.flags().get(i).name().equals(n)) {
                    bits |= 1 << i;
                    continue outer;
                }
            }
            throw new ValueException("flags `" + def.name() + "` has no flag `" + n + "` (flags: "
                    + String.join(", ", f.flags().stream().map(TypeDefKind.Label::name).toList()) + ")");
        }
        return bits;
    }

    private static Set<String> flagSet(TypeDefKind.FlagsDef f, int bits) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < f.flags().size(); i++) if ((bits & (1 << i)) != 0) out.add(f.flags().get(i).name());
        return Collections.unmodifiableSet(out);
    }
}
