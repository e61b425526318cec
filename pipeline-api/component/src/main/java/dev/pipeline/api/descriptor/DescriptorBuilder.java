package dev.pipeline.api.descriptor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the descriptor table (format v1, "PLDT", see docs/runtime-abi.md) that tells the runtime how to lift and
 * lower every function of a world: types (interned, each referring only to earlier ones), resources, exports and
 * imports, in the order the splicer numbers them.
 */
public final class DescriptorBuilder {

    /** Type kinds, numbered as in the table. */
    public enum Kind {
        BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING, LIST, RECORD, TUPLE, VARIANT, ENUM, OPTION,
        RESULT, FLAGS, OWN, BORROW
    }

    /** Function kinds, numbered as in the table. */
    public enum FunctionKind { FREESTANDING, CONSTRUCTOR, METHOD, STATIC }

    /** A record field, variant case (payload -1 for none) or named parameter. */
    public record Named(String name, int type) {}

    /** A function entry; {@code resource} is -1 for freestanding functions, {@code result} -1 for none. */
    public record Function(String witName, FunctionKind kind, int resource, String pyTarget, String pyMethod,
                           List<Named> params, int result, boolean resultRaises) {}

    /** Value representation: generated classes (static) or plain Python values (dynamic). */
    public enum Mode { STATIC, DYNAMIC }

    private static final int NONE = -1;

    private final Mode mode;
    private final List<byte[]> types = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<byte[]> resources = new ArrayList<>();
    private final List<Function> exports = new ArrayList<>();
    private final List<Function> imports = new ArrayList<>();

    public DescriptorBuilder(Mode mode) {
        this.mode = mode;
        // index 0 is always bool, so "no payload" can be written as 0, a valid earlier index
        primitive(Kind.BOOL);
    }

    public int primitive(Kind kind) {
        if (kind.ordinal() > Kind.STRING.ordinal()) throw new IllegalArgumentException(kind + " is not a primitive");
        return intern(new Out().u8(kind.ordinal()));
    }

    public int list(int element) {
        return intern(new Out().u8(Kind.LIST.ordinal()).ref(element));
    }

    public int record(String pyClass, List<Named> fields) {
        Out o = new Out().u8(Kind.RECORD.ordinal()).str(pyClass).u32(fields.size());
        for (Named f : fields) o.str(f.name()).ref(f.type());
        return intern(o);
    }

    public int tuple(List<Integer> elements) {
        Out o = new Out().u8(Kind.TUPLE.ordinal()).u32(elements.size());
        for (int e : elements) o.ref(e);
        return intern(o);
    }

    /** Cases name their Python case class (static) or their WIT name (dynamic); payload -1 for none. */
    public int variant(String pyClass, List<Named> cases) {
        Out o = new Out().u8(Kind.VARIANT.ordinal()).str(pyClass).u32(cases.size());
        for (Named c : cases) o.str(c.name()).u8(c.type() == NONE ? 0 : 1).ref(c.type() == NONE ? 0 : c.type());
        return intern(o);
    }

    public int enumeration(String pyClass, List<String> members) {
        Out o = new Out().u8(Kind.ENUM.ordinal()).str(pyClass).u32(members.size());
        for (String m : members) o.str(m);
        return intern(o);
    }

    public int flags(String pyClass, List<String> members) {
        Out o = new Out().u8(Kind.FLAGS.ordinal()).str(pyClass).u32(members.size());
        for (String m : members) o.str(m);
        return intern(o);
    }

    /** {@code wrapSome}: the payload can itself be None, so a present value is wrapped as {@code Some(x)}. */
    public int option(int some, boolean wrapSome) {
        return intern(new Out().u8(Kind.OPTION.ordinal()).u8(wrapSome ? 1 : 0).ref(some));
    }

    /** ok / err are -1 when absent. */
    public int result(int ok, int err) {
        return intern(new Out().u8(Kind.RESULT.ordinal()).u8(ok == NONE ? 0 : 1).ref(ok == NONE ? 0 : ok)
                .u8(err == NONE ? 0 : 1).ref(err == NONE ? 0 : err));
    }

    public int own(int resource) {
        return intern(new Out().u8(Kind.OWN.ordinal()).u32(resource));
    }

    public int borrow(int resource) {
        return intern(new Out().u8(Kind.BORROW.ordinal()).u32(resource));
    }

    /** Adds a resource; returns its index. */
    public int resource(String pyClass, boolean exported) {
        resources.add(new Out().str(pyClass).u8(exported ? 1 : 0).bytes());
        return resources.size() - 1;
    }

    /** Adds an export; returns its index (the splicer's export index). */
    public int export(Function f) {
        exports.add(f);
        return exports.size() - 1;
    }

    /** Adds an import; returns its index (the one call_import receives). */
    public int importFunction(Function f) {
        imports.add(f);
        return imports.size() - 1;
    }

    public int typeCount() {
        return types.size();
    }

    public byte[] encode() {
        Out o = new Out();
        o.raw("PLDT".getBytes(StandardCharsets.US_ASCII)).u32(1).u8(mode.ordinal());
        o.u32(types.size());
        for (byte[] t : types) o.raw(t);
        o.u32(resources.size());
        for (byte[] r : resources) o.raw(r);
        functions(o, exports);
        functions(o, imports);
        return o.bytes();
    }

    private void functions(Out o, List<Function> fs) {
        o.u32(fs.size());
        for (Function f : fs) {
            o.str(f.witName()).u8(f.kind().ordinal()).u32(f.resource() == NONE ? 0xFFFFFFFF : f.resource())
                    .str(f.pyTarget()).str(f.pyMethod()).u32(f.params().size());
            for (Named p : f.params()) o.str(p.name()).ref(p.type());
            o.u8(f.result() == NONE ? 0 : 1).u32(f.result() == NONE ? 0 : f.result()).u8(f.resultRaises() ? 1 : 0);
        }
    }

    private int intern(Out o) {
        byte[] b = o.bytes();
        String key = new String(b, StandardCharsets.ISO_8859_1);
        Integer existing = typeIndex.get(key);
        if (existing != null) return existing;
        types.add(b);
        typeIndex.put(key, types.size() - 1);
        return types.size() - 1;
    }

    /** Little-endian byte sink. */
    private final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out u8(int v) { out.write(v); return this; }

        Out u32(int v) {
            out.write(v); out.write(v >>> 8); out.write(v >>> 16); out.write(v >>> 24);
            return this;
        }

        Out ref(int type) {
            if (type < 0 || type >= types.size()) throw new IllegalArgumentException("type " + type + " is not defined yet");
            return u32(type);
        }

        Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            out.writeBytes(b);
            return this;
        }

        Out raw(byte[] b) { out.writeBytes(b); return this; }

        byte[] bytes() { return out.toByteArray(); }
    }
}
