package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.runtime.Memory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pipeline.jvmhost.raw.DescriptorWriter.Kind;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.c;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.f;
import static dev.pipeline.jvmhost.raw.DescriptorWriter.p;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dynamic mode: records are dicts, variants (case, payload) tuples, enums and flags names, results tagged tuples. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeDynamicModeTest {
    private static final String APP = "dyn_app";
    private final Map<String, int[]> echoes = new LinkedHashMap<>();
    private int callAdd, parse, mode;
    private PipelineRuntime rt;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    void start() throws Exception {
        DescriptorWriter d = new DescriptorWriter(1);
        int u32 = d.prim(Kind.U32), s32 = d.prim(Kind.S32), str = d.prim(Kind.STRING), f64 = d.prim(Kind.F64);
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("record", d.record("", f("a", u32), f("b", str)));
        types.put("variant", d.variant("", c("circle", f64), c("named", str), c("empty")));
        types.put("enum", d.enumType("", "red", "green"));
        types.put("flags", d.flags("", "read", "write", "exec"));
        int result = d.result(u32, str);
        types.put("result", result);
        types.put("opt-opt", d.option(true, d.option(false, u32)));
        for (var e : types.entrySet()) {
            int echo = d.export("echo-" + e.getKey(), 0, DescriptorWriter.NO_RESOURCE, "WitWorld", "echo", e.getValue(),
                    false, p("v", e.getValue()));
            int show = d.export("show-" + e.getKey(), 0, DescriptorWriter.NO_RESOURCE, "WitWorld", "show", str, false,
                    p("v", e.getValue()));
            echoes.put(e.getKey(), new int[] {echo, show});
        }
        callAdd = d.export("call-add", 0, DescriptorWriter.NO_RESOURCE, "WitWorld", "call_add", s32, false);
        parse = d.export("parse", 0, DescriptorWriter.NO_RESOURCE, "WitWorld", "parse", result, true, p("text", str));
        mode = d.export("mode", 0, DescriptorWriter.NO_RESOURCE, "WitWorld", "mode", u32, false);
        d.importFn("add", 0, DescriptorWriter.NO_RESOURCE, s32, false, p("a", s32), p("b", s32));
        String source;
        try (InputStream in = getClass().getResourceAsStream("/runtime/dyn_app.py")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] image = RuntimeFixtures.image(RuntimeFixtures.appDir(Map.of(APP + ".py", source)), APP, d.bytes());
        rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER)).image(image).stderr(stderr)
                .importHandler((r, index, params, results) ->
                        r.memory().writeLong(results, (int) r.slot(params, 0) + (int) r.slot(params, 1)))
                .build();
        // no explicit init: the first dispatch initialises
        assertEquals(1, rt.dispatch(mode, new long[0], 1)[0], () -> stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, rt.init(), "already initialised by the first dispatch");
    }

    @AfterAll
    void stop() {
        if (rt != null) rt.close();
    }

    private String show(String type, long... params) {
        int export = echoes.get(type)[1];
        int area = (int) rt.dispatch(export, params, 1)[0];
        String s = string(area);
        rt.postReturn(export);
        return s;
    }

    private String string(int addr) {
        Memory m = rt.memory();
        return rt.readString(m.readInt(addr), m.readInt(addr + 4));
    }

    private long[] withString(long first, String s) {
        long[] str = rt.allocString(s);
        return new long[] {first, str[0], str[1]};
    }

    @Test
    void recordsAreDicts() {
        assertEquals("{'a': 7, 'b': 'x'}", show("record", withString(7, "x")));
        int export = echoes.get("record")[0];
        int area = (int) rt.dispatch(export, withString(9, "yz"), 1)[0];
        assertEquals(9, rt.memory().readInt(area));
        assertEquals("yz", string(area + 4));
        rt.postReturn(export);
    }

    @Test
    void variantsAreCaseTuples() {
        assertEquals("('named', 'n')", show("variant", withString(1, "n")));
        assertEquals("('empty', None)", show("variant", 2, 0, 0));
        assertEquals("('circle', 2.5)", show("variant", 0, Double.doubleToRawLongBits(2.5), 0));
        int export = echoes.get("variant")[0];
        int area = (int) rt.dispatch(export, new long[] {0, Double.doubleToRawLongBits(-1.0), 0}, 1)[0];
        assertEquals(0, rt.memory().readU8(area));
        assertEquals(-1.0, Double.longBitsToDouble(rt.memory().readLong(area + 8)));
        rt.postReturn(export);
    }

    @Test
    void enumsAndFlagsAreNames() {
        assertEquals("'green'", show("enum", 1));
        assertEquals(1, rt.dispatch(echoes.get("enum")[0], new long[] {1}, 1)[0]);
        assertEquals("['exec', 'read']", show("flags", 5));
        assertEquals(5, rt.dispatch(echoes.get("flags")[0], new long[] {5}, 1)[0]);
    }

    @Test
    void resultsAreTaggedTuplesAndErrStillRaises() {
        assertEquals("('ok', 3)", show("result", 0, 3, 0));
        assertEquals("('err', 'bad')", show("result", withString(1, "bad")));
        assertEquals("Some(value=None)", show("opt-opt", 1, 0, 0));
        long[] text = rt.allocString("12a");
        int area = (int) rt.dispatch(parse, text, 1)[0];
        assertEquals(1, rt.memory().readU8(area));
        assertEquals("not a number: 12a", string(area + 4));
        rt.postReturn(parse);
        area = (int) rt.dispatch(parse, rt.allocString("123"), 1)[0];
        assertEquals(0, rt.memory().readU8(area));
        assertEquals(123, rt.memory().readInt(area + 4));
        rt.postReturn(parse);
    }

    @Test
    void importsAreFoundByName() {
        assertEquals(42, rt.dispatch(callAdd, new long[0], 1)[0]);
    }
}
