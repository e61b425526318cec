package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.runtime.Memory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round-trips values of every descriptor type kind through pipeline_dispatch (static-bindings mode), checks
 * the Python-side value with repr, and exercises flat-param overflow, return areas, Err, resources, imports and
 * real stdlib code. One runtime instance serves the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeValuesTest {
    private final EchoWorld world = new EchoWorld();
    private final EchoImports imports = new EchoImports();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PipelineRuntime rt;

    @BeforeAll
    void start() throws Exception {
        byte[] image = EchoWorld.image();
        rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                .image(image).importHandler(imports).stderr(stderr).build();
        assertEquals(0, rt.init(), () -> stderr.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (rt != null) rt.close();
    }

    // ---- helpers ----

    private long echo1(String type, long... params) {
        long[] out = rt.dispatch(world.echo(type).echo(), params, 1);
        rt.postReturn(world.echo(type).echo());
        return out[0];
    }

    /** Dispatches an export whose result is stored in a return area; returns the area's address. */
    private int echoArea(String type, long... params) {
        return (int) rt.dispatch(world.echo(type).echo(), params, 1)[0];
    }

    private String show(String type, long... params) {
        return stringResult(world.echo(type).show(), params);
    }

    private String stringResult(int export, long... params) {
        int area = (int) rt.dispatch(export, params, 1)[0];
        String s = string(area);
        rt.postReturn(export);
        return s;
    }

    private String string(int addr) {
        Memory m = rt.memory();
        return rt.readString(m.readInt(addr), m.readInt(addr + 4));
    }

    private long[] str(String s) {
        return rt.allocString(s);
    }

    private static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) n += p.length;
        long[] out = new long[n];
        int i = 0;
        for (long[] p : parts) for (long v : p) out[i++] = v;
        return out;
    }

    private static long f32(float f) {
        return Float.floatToRawIntBits(f) & 0xFFFFFFFFL;
    }

    private static long f64(double d) {
        return Double.doubleToRawLongBits(d);
    }

    // ---- primitives ----

    @Test
    void integersRoundTripAtTheirExtremes() {
        assertEquals(1, echo1("bool", 1));
        assertEquals(1, echo1("bool", 2), "any nonzero i32 is true");
        assertEquals(0, echo1("bool", 0));
        assertEquals("True", show("bool", 7));
        assertEquals(0xFFFFFF80L, echo1("s8", 0xFFFFFF80L));
        assertEquals("-128", show("s8", 0xFFFFFF80L));
        assertEquals("127", show("s8", 0x17F), "lifting s8 keeps the low 8 bits");
        assertEquals(255, echo1("u8", 255));
        assertEquals(0xFFFF8000L, echo1("s16", 0xFFFF8000L));
        assertEquals("-32768", show("s16", 0xFFFF8000L));
        assertEquals("65535", show("u16", 65535));
        assertEquals(0x80000000L, echo1("s32", 0x80000000L));
        assertEquals("-2147483648", show("s32", 0x80000000L));
        assertEquals(0xFFFFFFFFL, echo1("u32", 0xFFFFFFFFL));
        assertEquals("4294967295", show("u32", 0xFFFFFFFFL));
        assertEquals(Long.MIN_VALUE, echo1("s64", Long.MIN_VALUE));
        assertEquals(Long.MAX_VALUE, echo1("s64", Long.MAX_VALUE));
        assertEquals("-9223372036854775808", show("s64", Long.MIN_VALUE));
        assertEquals(-1L, echo1("u64", -1L));
        assertEquals("18446744073709551615", show("u64", -1L));
    }

    @Test
    void floatsKeepSpecialValues() {
        for (float v : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, 1.5f}) {
            assertEquals(f32(v), echo1("f32", f32(v)), "f32 " + v);
        }
        assertTrue(Float.isNaN(Float.intBitsToFloat((int) echo1("f32", f32(Float.NaN)))));
        for (double v : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI}) {
            assertEquals(f64(v), echo1("f64", f64(v)), "f64 " + v);
        }
        assertTrue(Double.isNaN(Double.longBitsToDouble(echo1("f64", f64(Double.NaN)))));
        assertEquals("-0.0", show("f64", f64(-0.0)));
        assertEquals("inf", show("f32", f32(Float.POSITIVE_INFINITY)));
        assertEquals("nan", show("f64", f64(Double.NaN)));
        assertEquals("0.1", show("f64", f64(0.1)));
    }

    @Test
    void charsAndStrings() {
        assertEquals(0x1F600, echo1("char", 0x1F600));
        assertEquals("'😀'", show("char", 0x1F600));
        assertEquals("'é'", show("char", 0xE9));
        for (String s : List.of("", "plain", "héllo wörld 😀 中文", "nul\0inside")) {
            int area = echoArea("string", str(s));
            assertEquals(s, string(area));
            rt.postReturn(world.echo("string").echo());
        }
        assertEquals("''", show("string", str("")));
        assertEquals("'ü😀'", show("string", str("ü😀")));
    }

    // ---- lists, records, tuples ----

    @Test
    void bytesAreBytes() {
        byte[] data = {0, (byte) 255, 1};
        assertEquals("b'\\x00\\xff\\x01'", show("bytes", rt.allocBytes(data, 1), 3));
        int area = echoArea("bytes", rt.allocBytes(data, 1), 3);
        Memory m = rt.memory();
        assertArrayEquals(data, m.readBytes(m.readInt(area), m.readInt(area + 4)));
        rt.postReturn(world.echo("bytes").echo());
        assertEquals("b''", show("bytes", 0, 0));
    }

    private long[] stringList(String... items) {
        int arr = rt.alloc(8 * items.length, 4);
        for (int i = 0; i < items.length; i++) {
            long[] s = str(items[i]);
            rt.memory().writeI32(arr + 8 * i, (int) s[0]);
            rt.memory().writeI32(arr + 8 * i + 4, (int) s[1]);
        }
        return new long[] {arr, items.length};
    }

    @Test
    void listsOfStrings() {
        assertEquals("['a', '', 'ü']", show("strings", stringList("a", "", "ü")));
        int area = echoArea("strings", stringList("x", "yz"));
        Memory m = rt.memory();
        int arr = m.readInt(area);
        assertEquals(2, m.readInt(area + 4));
        assertEquals("x", string(arr));
        assertEquals("yz", string(arr + 8));
        rt.postReturn(world.echo("strings").echo());
        assertEquals("[]", show("strings", 0, 0));
    }

    @Test
    void recordsAreDataclassesAndUseAReturnArea() {
        long[] point = concat(new long[] {-5 & 0xFFFFFFFFL, f64(2.5)}, str("ü"));
        assertEquals("Point(x=-5, y=2.5, label='ü')", show("point", point));
        int area = echoArea("point", concat(new long[] {7, f64(-1.25)}, str("p")));
        Memory m = rt.memory();
        assertEquals(7, m.readInt(area));
        assertEquals(-1.25, Double.longBitsToDouble(m.readLong(area + 8)));
        assertEquals("p", string(area + 16));
        rt.postReturn(world.echo("point").echo());

        int arr = rt.alloc(48, 8);
        for (int i = 0; i < 2; i++) {
            long[] label = str("n" + i);
            m.writeI32(arr + 24 * i, i * 10);
            m.writeLong(arr + 24 * i + 8, f64(i + 0.5));
            m.writeI32(arr + 24 * i + 16, (int) label[0]);
            m.writeI32(arr + 24 * i + 20, (int) label[1]);
        }
        assertEquals("[Point(x=0, y=0.5, label='n0'), Point(x=10, y=1.5, label='n1')]", show("points", arr, 2));
    }

    @Test
    void tuples() {
        assertEquals("(7, 'ab', 1.5)", show("tuple", concat(new long[] {7}, str("ab"), new long[] {f64(1.5)})));
        int area = echoArea("tuple", concat(new long[] {255}, str("t"), new long[] {f64(-0.0)}));
        Memory m = rt.memory();
        assertEquals(255, m.readU8(area));
        assertEquals("t", string(area + 4));
        assertEquals(f64(-0.0), m.readLong(area + 16));
        rt.postReturn(world.echo("tuple").echo());
        assertEquals("()", show("empty-record"));
        assertEquals(0, rt.dispatch(world.echo("empty-record").echo(), new long[0], 1)[0]);
    }

    // ---- variants, enums, options, results, flags ----

    @Test
    void variantsPickTheCaseClassAndJoinPayloads() {
        assertEquals("Shape_Circle(value=1.5)", show("shape", 0, f32(1.5f), 0));
        assertEquals("Shape_Named(value='né')", show("shape", concat(new long[] {1}, str("né"))));
        assertEquals("Shape_Empty()", show("shape", 2, 0, 0));
        assertEquals("Shape_Big(value=18446744073709551615)", show("shape", 3, -1L, 0));
        Memory m = rt.memory();
        int area = echoArea("shape", 3, -1L, 0);
        assertEquals(3, m.readU8(area));
        assertEquals(-1L, m.readLong(area + 8), "payload at offset 8 (max case alignment 8)");
        rt.postReturn(world.echo("shape").echo());
        area = echoArea("shape", 0, f32(-2.0f), 0);
        assertEquals(0, m.readU8(area));
        assertEquals(-2.0f, m.readFloat(area + 8));
        rt.postReturn(world.echo("shape").echo());
    }

    @Test
    void enumsAndFlags() {
        assertEquals("<Color.BLUE: 2>", show("color", 2));
        assertEquals(1, echo1("color", 1));
        assertEquals("<Perm.READ|EXEC: 5>", show("perm", 5));
        assertEquals(5, echo1("perm", 5));
        assertEquals("<Perm.READ|WRITE|EXEC: 7>", show("perm", 0xFF), "undefined flag bits are ignored");
        assertEquals(7, echo1("perm", 0xFF));
    }

    @Test
    void optionsIncludingNestedOnes() {
        assertEquals("None", show("opt-u32", 0, 0));
        assertEquals("42", show("opt-u32", 1, 42));
        Memory m = rt.memory();
        int area = echoArea("opt-u32", 1, 0xFFFFFFFFL);
        assertEquals(1, m.readU8(area));
        assertEquals(-1, m.readInt(area + 4));
        rt.postReturn(world.echo("opt-u32").echo());
        assertEquals("None", show("opt-opt-u32", 0, 0, 0));
        assertEquals("Some(value=None)", show("opt-opt-u32", 1, 0, 0));
        assertEquals("Some(value=5)", show("opt-opt-u32", 1, 1, 5));
        area = echoArea("opt-opt-u32", 1, 0, 0);
        assertEquals(1, m.readU8(area));
        assertEquals(0, m.readU8(area + 4));
        rt.postReturn(world.echo("opt-opt-u32").echo());
    }

    @Test
    void resultsAreOkAndErr() {
        assertEquals("Ok(value=7)", show("result", 0, 7, 0));
        assertEquals("Err(value='bad')", show("result", concat(new long[] {1}, str("bad"))));
        assertEquals("Ok(value=None)", show("result-empty", 0));
        assertEquals("Err(value=None)", show("result-empty", 1));
        assertEquals(1, echo1("result-empty", 1));
        Memory m = rt.memory();
        int area = echoArea("result", concat(new long[] {1}, str("e")));
        assertEquals(1, m.readU8(area));
        assertEquals("e", string(area + 4));
        rt.postReturn(world.echo("result").echo());
    }

    @Test
    void nestedListOfOptionOfResultOfVariant() {
        // element: option<result<shape, string>>: size 32, align 8; result at +8 (disc), its payload at +16
        Memory m = rt.memory();
        int arr = rt.alloc(96, 8);
        m.writeByte(arr, (byte) 0);
        m.writeByte(arr + 32, (byte) 1);
        m.writeByte(arr + 40, (byte) 0);
        m.writeByte(arr + 48, (byte) 0);
        m.writeF32(arr + 56, 2.5f);
        long[] e = str("e");
        m.writeByte(arr + 64, (byte) 1);
        m.writeByte(arr + 72, (byte) 1);
        m.writeI32(arr + 80, (int) e[0]);
        m.writeI32(arr + 84, (int) e[1]);
        assertEquals("[None, Ok(value=Shape_Circle(value=2.5)), Err(value='e')]", show("nested", arr, 3));

        int arr2 = rt.alloc(32, 8);
        m.writeByte(arr2, (byte) 1);
        m.writeByte(arr2 + 8, (byte) 0);
        m.writeByte(arr2 + 16, (byte) 3);
        m.writeLong(arr2 + 24, Long.MIN_VALUE);
        int area = echoArea("nested", arr2, 1);
        int out = m.readInt(area);
        assertEquals(1, m.readInt(area + 4));
        assertEquals(1, m.readU8(out));
        assertEquals(0, m.readU8(out + 8));
        assertEquals(3, m.readU8(out + 16));
        assertEquals(Long.MIN_VALUE, m.readLong(out + 24));
        rt.postReturn(world.echo("nested").echo());
    }

    @Test
    void postReturnFreesResultsSoRepeatedCallsDoNotGrowMemory() {
        String big = "ü".repeat(50_000);
        for (int i = 0; i < 20; i++) echoArea("string", str(big));
        rt.postReturn(world.echo("string").echo());
        int pages = rt.memory().pages();
        for (int i = 0; i < 200; i++) {
            int area = echoArea("string", str(big));
            assertEquals(100_000, rt.memory().readInt(area + 4));
            rt.postReturn(world.echo("string").echo());
        }
        assertEquals(pages, rt.memory().pages(), "200 x 100 kB strings in and out without growing memory");
    }

    // ---- functions ----

    @Test
    void moreThanSixteenFlatParamsArriveThroughMemory() {
        int tuple = rt.alloc(17 * 4, 4);
        for (int i = 0; i < 17; i++) rt.memory().writeI32(tuple + 4 * i, i - 8);
        assertEquals("-8|-7|-6|-5|-4|-3|-2|-1|0|1|2|3|4|5|6|7|8", stringResult(world.join17, tuple));
    }

    @Test
    void errRaisedByAResultExportBecomesTheErrCase() {
        Memory m = rt.memory();
        int area = (int) rt.dispatch(world.divide, new long[] {7, 2}, 1)[0];
        assertEquals(0, m.readU8(area));
        assertEquals(3, m.readInt(area + 4));
        rt.postReturn(world.divide);
        area = (int) rt.dispatch(world.divide, new long[] {1, 0}, 1)[0];
        assertEquals(1, m.readU8(area));
        assertEquals("division by zero", string(area + 4));
        rt.postReturn(world.divide);
    }

    @Test
    void exportedResourcesMapRepsToPythonObjects() {
        long handle = rt.dispatch(world.counterNew, new long[] {5}, 1)[0];
        int rep = rt.resources().rep(EchoWorld.COUNTER, (int) handle);
        assertEquals(6, rt.dispatch(world.counterIncr, new long[] {rep}, 1)[0], "methods get borrow<T> as the rep");
        assertEquals(7, rt.dispatch(world.counterIncr, new long[] {rep}, 1)[0]);
        long made = rt.dispatch(world.counterMake, new long[] {3}, 1)[0];
        assertTrue(rt.resources().live().containsKey((int) made));
        assertEquals(30, rt.dispatch(world.consumeCounter, new long[] {made}, 1)[0]);
        assertFalse(rt.resources().live().containsKey((int) made), "an own<T> param is consumed: its handle dropped");
        rt.dropExported(EchoWorld.COUNTER, (int) handle);
        assertFalse(rt.resources().live().containsKey((int) handle));
    }

    @Test
    void importedResourcesCarryTheirHandle() {
        assertEquals(1234, rt.dispatch(world.useBlob, new long[0], 1)[0]);
        assertTrue(rt.resources().droppedImports().contains(new ResourceTable.Dropped(
                EchoWorld.BLOB, EchoImports.BLOB_HANDLE)));
        assertEquals(List.of(), imports.problems);
    }

    @Test
    void importsLowerParamsIntoFlatSlotsAndLiftResults() {
        String out = stringResult(world.callImports);
        assertEquals("[42, \"hello, wörld\", 136000000000000, 5, \"err:odd: 7\", \"Point(x=2, y=1.0, label='pt!')\"]", out);
        assertEquals(List.of(), imports.problems);
        assertTrue(imports.calls.containsAll(List.of("add", "greet", "sum17", "check", "move-point")));
    }

    @Test
    void deepPythonAndCRecursionFitTheStack() {
        assertEquals(4000, rt.dispatch(world.recurse, new long[] {4000}, 1)[0]);
        assertEquals(3000, rt.dispatch(world.deepJson, new long[] {3000}, 1)[0]);
    }

    @Test
    void realStdlibCodeRuns() {
        assertEquals("{\"dataclass\": {\"label\": \"p\", \"x\": 1, \"y\": 2.0}, \"decimal\": \"0.1428571428571428571428571429\", "
                        + "\"json\": {\"k\": [1, 2.5, \"ü\"]}, \"re\": [[\"a\", \"1\"], [\"b\", \"22\"], [\"c\", \"333\"]], "
                        + "\"sqlite\": 45, \"zlib\": true}",
                stringResult(world.stdlibCheck));
    }
}
