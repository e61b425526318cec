package dev.pipeline.host.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a descriptor table (format v1, "PLDT"; see docs/runtime-abi.md) by hand, for runtime tests. Each type
 * method appends a type and returns its index; types may only refer to earlier types.
 */
final class DescriptorWriter {
    /** Type kinds, numbered as in the format. */
    enum Kind { BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING }

    /** A function parameter. */
    record Param(String name, int type) { }

    /** A record field. */
    record Field(String pyName, int type) { }

    /** A variant case; type is ignored without payload. */
    record Case(String pyClass, boolean hasPayload, int type) { }

    static final int NO_RESOURCE = 0xFFFFFFFF;
    static final int FREESTANDING = 0, CONSTRUCTOR = 1, METHOD = 2, STATIC = 3;

    private final int mode;
    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> resources = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();

    /** @param mode 0 static bindings, 1 dynamic values */
    DescriptorWriter(int mode) {
        this.mode = mode;
    }

    int prim(Kind k) {
        return type(w -> w.u8(k.ordinal()));
    }

    int list(int elem) {
        return type(w -> w.u8(13).u32(elem));
    }

    int record(String pyClass, Field... fields) {
        return type(w -> {
            w.u8(14).str(pyClass).u32(fields.length);
            for (Field f : fields) w.str(f.pyName()).u32(f.type());
        });
    }

    int tuple(int... elems) {
        return type(w -> {
            w.u8(15).u32(elems.length);
            for (int e : elems) w.u32(e);
        });
    }

    int variant(String pyClass, Case... cases) {
        return type(w -> {
            w.u8(16).str(pyClass).u32(cases.length);
            for (Case c : cases) w.str(c.pyClass()).u8(c.hasPayload() ? 1 : 0).u32(c.hasPayload() ? c.type() : 0);
        });
    }

    int enumType(String pyClass, String... members) {
        return type(w -> {
            w.u8(17).str(pyClass).u32(members.length);
            for (String m : members) w.str(m);
        });
    }

    int option(boolean wrapSome, int payload) {
        return type(w -> w.u8(18).u8(wrapSome ? 1 : 0).u32(payload));
    }

    /** ok / err: a type index, or -1 for none. */
    int result(int ok, int err) {
        return type(w -> w.u8(19).u8(ok >= 0 ? 1 : 0).u32(Math.max(ok, 0)).u8(err >= 0 ? 1 : 0).u32(Math.max(err, 0)));
    }

    int flags(String pyClass, String... members) {
        return type(w -> {
            w.u8(20).str(pyClass).u32(members.length);
            for (String m : members) w.str(m);
        });
    }

    int own(int resource) {
        return type(w -> w.u8(21).u32(resource));
    }

    int borrow(int resource) {
        return type(w -> w.u8(22).u32(resource));
    }

    /** Declares a resource; returns its index. */
    int resource(String pyClass, boolean exported) {
        resources.add(new Out().str(pyClass).u8(exported ? 1 : 0).bytes());
        return resources.size() - 1;
    }

    /** Declares an export; result -1 for none. Returns its index. */
    int export(String witName, int kind, int resource, String pyTarget, String pyMethod, int result, boolean raises,
               Param... params) {
        exports.add(function(witName, kind, resource, pyTarget, pyMethod, result, raises, params));
        return exports.size() - 1;
    }

    /** Declares an import; result -1 for none. Returns its index. */
    int importFn(String witName, int kind, int resource, int result, boolean raises, Param... params) {
        imports.add(function(witName, kind, resource, "", "", result, raises, params));
        return imports.size() - 1;
    }

    static Param p(String name, int type) {
        return new Param(name, type);
    }

    static Field f(String name, int type) {
        return new Field(name, type);
    }

    static Case c(String pyClass, int type) {
        return new Case(pyClass, true, type);
    }

    static Case c(String pyClass) {
        return new Case(pyClass, false, 0);
    }

    /** The table's bytes. */
    byte[] bytes() {
        Out w = new Out();
        w.raw("PLDT".getBytes(StandardCharsets.US_ASCII)).u32(1).u8(mode);
        w.u32(types.size());
        types.forEach(w::raw);
        w.u32(resources.size());
        resources.forEach(w::raw);
        w.u32(exports.size());
        exports.forEach(w::raw);
        w.u32(imports.size());
        imports.forEach(w::raw);
        return w.bytes();
    }

    private byte[] function(String witName, int kind, int resource, String pyTarget, String pyMethod, int result,
                            boolean raises, Param... params) {
        Out w = new Out().str(witName).u8(kind).u32(resource).str(pyTarget).str(pyMethod).u32(params.length);
        for (Param p : params) w.str(p.name()).u32(p.type());
        return w.u8(result >= 0 ? 1 : 0).u32(Math.max(result, 0)).u8(raises ? 1 : 0).bytes();
    }

    private int type(java.util.function.Consumer<Out> body) {
        Out w = new Out();
        body.accept(w);
        types.add(w.bytes());
        return types.size() - 1;
    }

    /** Little-endian byte sink. */
    private static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Out u8(int v) {
            buf.write(v);
            return this;
        }

        Out u32(int v) {
            for (int i = 0; i < 4; i++) buf.write(v >>> (8 * i));
            return this;
        }

        Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u32(b.length).raw(b);
        }

        Out raw(byte[] b) {
            buf.write(b, 0, b.length);
            return this;
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}
