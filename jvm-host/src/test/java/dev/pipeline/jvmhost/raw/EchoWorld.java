package dev.pipeline.jvmhost.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pipeline.jvmhost.raw.DescriptorWriter.Kind;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.c;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.f;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.p;

/**
 * The test world of the runtime tests, in static-bindings mode: for every type kind an {@code echo-<name>}
 * export (T -> T) and a {@code show-<name>} export (T -> string, the Python repr), plus functions exercising
 * flat-param overflow, errors, resources and imports. The app is test resource runtime/echo_app.py.
 */
final class EchoWorld {
    static final String APP = "echo_app";
    static final int COUNTER = 0, BLOB = 1; // resource indices
    static final int IMPORT_ADD = 0, IMPORT_GREET = 1, IMPORT_SUM17 = 2, IMPORT_CHECK = 3, IMPORT_BLOB_NEW = 4,
            IMPORT_BLOB_SIZE = 5, IMPORT_MOVE_POINT = 6;

    /** A type with its echo and show export indices. */
    record Echo(int type, int echo, int show) { }

    final Map<String, Echo> echoes = new LinkedHashMap<>();
    final int join17, divide, boom, badReturn, counterNew, counterIncr, counterMake, consumeCounter, useBlob,
            stdlibCheck, callImports, recurse, deepJson, randomBits;
    final byte[] descriptor;

    EchoWorld() {
        DescriptorWriter d = new DescriptorWriter(0);
        int counter = d.resource(APP + ":Counter", true);
        int blob = d.resource(APP + ":Blob", false);
        Map<String, Integer> types = new LinkedHashMap<>();
        for (Kind k : Kind.values()) types.put(k.name().toLowerCase(), d.prim(k));
        int u8 = types.get("u8"), u32 = types.get("u32"), s32 = types.get("s32"), s64 = types.get("s64"),
                u64 = types.get("u64"), f32 = types.get("f32"), f64 = types.get("f64"), str = types.get("string");
        types.put("bytes", d.list(u8));
        types.put("strings", d.list(str));
        int point = d.record(APP + ":Point", f("x", s32), f("y", f64), f("label", str));
        types.put("point", point);
        types.put("points", d.list(point));
        types.put("tuple", d.tuple(u8, str, f64));
        int shape = d.variant(APP + ":Shape", c(APP + ":Shape_Circle", f32), c(APP + ":Shape_Named", str),
                c(APP + ":Shape_Empty"), c(APP + ":Shape_Big", u64));
        types.put("shape", shape);
        types.put("color", d.enumType(APP + ":Color", "RED", "GREEN", "BLUE"));
        int optU32 = d.option(false, u32);
        types.put("opt-u32", optU32);
        types.put("opt-opt-u32", d.option(true, optU32));
        int resultU32 = d.result(u32, str);
        types.put("result", resultU32);
        types.put("result-empty", d.result(-1, -1));
        types.put("perm", d.flags(APP + ":Perm", "READ", "WRITE", "EXEC"));
        types.put("nested", d.list(d.option(false, d.result(shape, str))));
        types.put("empty-record", d.tuple());
        int ownCounter = d.own(counter), borrowCounter = d.borrow(counter);
        int ownBlob = d.own(blob), borrowBlob = d.borrow(blob);
        for (var e : types.entrySet()) {
            int echo = d.export("echo-" + e.getKey(), DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE,
                    APP + ":WitWorld", "echo", e.getValue(), false, p("v", e.getValue()));
            int show = d.export("show-" + e.getKey(), DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE,
                    APP + ":WitWorld", "show", str, false, p("v", e.getValue()));
            echoes.put(e.getKey(), new Echo(e.getValue(), echo, show));
        }
        DescriptorWriter.Param[] seventeen = new DescriptorWriter.Param[17];
        for (int i = 0; i < 17; i++) seventeen[i] = p("a" + i, s32);
        join17 = world(d, "join17", "join17", str, false, seventeen);
        divide = world(d, "divide", "divide", resultU32, true, p("a", u32), p("b", u32));
        boom = world(d, "boom", "boom", -1, false);
        badReturn = world(d, "bad-return", "bad_return", u32, false);
        counterNew = d.export("[constructor]counter", DescriptorWriter.CONSTRUCTOR, counter, APP + ":Counter", "",
                ownCounter, false, p("start", u32));
        counterIncr = d.export("[method]counter.incr", DescriptorWriter.METHOD, counter, "", "incr", u32, false,
                p("self", borrowCounter));
        counterMake = d.export("[static]counter.make", DescriptorWriter.STATIC, counter, APP + ":Counter", "make",
                ownCounter, false, p("n", u32));
        consumeCounter = world(d, "consume-counter", "consume_counter", u32, false, p("c", ownCounter));
        useBlob = world(d, "use-blob", "use_blob", u32, false);
        stdlibCheck = world(d, "stdlib-check", "stdlib_check", str, false);
        callImports = world(d, "call-imports", "call_imports", str, false);
        recurse = world(d, "recurse", "recurse", u32, false, p("n", u32));
        deepJson = world(d, "deep-json", "deep_json", u32, false, p("n", u32));
        randomBits = world(d, "random-bits", "random_bits", u64, false);

        d.importFn("add", DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, s32, false, p("a", s32), p("b", s32));
        d.importFn("greet", DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, str, false, p("name", str));
        DescriptorWriter.Param[] seventeen64 = new DescriptorWriter.Param[17];
        for (int i = 0; i < 17; i++) seventeen64[i] = p("a" + i, s64);
        d.importFn("sum17", DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, s64, false, seventeen64);
        d.importFn("check", DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, resultU32, true, p("x", u32));
        d.importFn("[constructor]blob", DescriptorWriter.CONSTRUCTOR, blob, ownBlob, false, p("size", u32));
        d.importFn("[method]blob.size", DescriptorWriter.METHOD, blob, u32, false, p("self", borrowBlob));
        d.importFn("move-point", DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, point, false, p("p", point));
        descriptor = d.bytes();
    }

    private static int world(DescriptorWriter d, String wit, String method, int result, boolean raises,
                             DescriptorWriter.Param... params) {
        return d.export(wit, DescriptorWriter.FREESTANDING, DescriptorWriter.NO_RESOURCE, APP + ":WitWorld", method,
                result, raises, params);
    }

    Echo echo(String name) {
        return echoes.get(name);
    }

    /** The app's source text. */
    static String appSource() {
        try (InputStream in = EchoWorld.class.getResourceAsStream("/runtime/echo_app.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module image of this world (built once per test run). */
    static synchronized byte[] image() throws IOException {
        if (image == null) {
            EchoWorld w = new EchoWorld();
            image = RuntimeFixtures.image(RuntimeFixtures.appDir(Map.of(APP + ".py", appSource())), APP, w.descriptor);
        }
        return image;
    }

    private static byte[] image;
}
