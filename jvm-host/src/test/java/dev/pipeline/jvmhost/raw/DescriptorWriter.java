package dev.pipeline.jvmhost.raw;

import dev.pipeline.api.descriptor.DescriptorBuilder;
import dev.pipeline.api.descriptor.DescriptorBuilder.FunctionKind;
import dev.pipeline.api.descriptor.DescriptorBuilder.Named;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written descriptor tables for runtime tests, in the terms the tests use (mode as 0/1, kinds as numbers,
 * varargs); the table itself is written by the project's {@link DescriptorBuilder}.
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

    private final DescriptorBuilder builder;

    /** @param mode 0 static bindings, 1 dynamic values */
    DescriptorWriter(int mode) {
        this.builder = new DescriptorBuilder(mode == 0 ? DescriptorBuilder.Mode.STATIC : DescriptorBuilder.Mode.DYNAMIC);
    }

    int prim(Kind k) {
        return builder.primitive(DescriptorBuilder.Kind.valueOf(k.name()));
    }

    int list(int elem) {
        return builder.list(elem);
    }

    int record(String pyClass, Field... fields) {
        List<Named> named = new ArrayList<>();
        for (Field f : fields) named.add(new Named(f.pyName(), f.type()));
        return builder.record(pyClass, named);
    }

    int tuple(int... elems) {
        List<Integer> items = new ArrayList<>();
        for (int e : elems) items.add(e);
        return builder.tuple(items);
    }

    int variant(String pyClass, Case... cases) {
        List<Named> named = new ArrayList<>();
        for (Case c : cases) named.add(new Named(c.pyClass(), c.hasPayload() ? c.type() : -1));
        return builder.variant(pyClass, named);
    }

    int enumType(String pyClass, String... members) {
        return builder.enumeration(pyClass, List.of(members));
    }

    int option(boolean wrapSome, int payload) {
        return builder.option(payload, wrapSome);
    }

    int result(int ok, int err) {
        return builder.result(ok, err);
    }

    int flags(String pyClass, String... members) {
        return builder.flags(pyClass, List.of(members));
    }

    int own(int resource) {
        return builder.own(resource);
    }

    int borrow(int resource) {
        return builder.borrow(resource);
    }

    /** Declares a resource; returns its index. */
    int resource(String pyClass, boolean exported) {
        return builder.resource(pyClass, exported);
    }

    /** Declares an export; result -1 for none. Returns its index. */
    int export(String witName, int kind, int resource, String pyTarget, String pyMethod, int result, boolean raises,
               Param... params) {
        return builder.export(function(witName, kind, resource, pyTarget, pyMethod, result, raises, params));
    }

    /** Declares an import; result -1 for none. Returns its index. */
    int importFn(String witName, int kind, int resource, int result, boolean raises, Param... params) {
        return builder.importFunction(function(witName, kind, resource, "", "", result, raises, params));
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
        return builder.encode();
    }

    private static DescriptorBuilder.Function function(String witName, int kind, int resource, String pyTarget,
                                                       String pyMethod, int result, boolean raises, Param... params) {
        List<Named> named = new ArrayList<>();
        for (Param p : params) named.add(new Named(p.name(), p.type()));
        return new DescriptorBuilder.Function(witName, FunctionKind.values()[kind], resource == NO_RESOURCE ? -1 : resource,
                pyTarget, pyMethod, named, result, raises);
    }
}
