package dev.pipeline.jvmhost.abi;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldResource;
import dev.pipeline.api.world.WorldView;
import dev.pipeline.jvmhost.Result;
import dev.pipeline.jvmhost.Values;
import dev.pipeline.jvmhost.Variant;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lowering then lifting gives the same Java value back, flat and through memory, for the kitchen-sink types. */
class ValueCodecTest {
    private static final WorldView VIEW;
    private static final ValueCodec CODEC;

    static {
        try {
            Resolve r = WitLoader.parse("kitchen.wit", Files.readString(Path.of("../distro/src/test/resources/kitchen/wit/kitchen.wit")));
            VIEW = new WorldView(r, r.selectWorld("kitchen"));
            CODEC = new ValueCodec(VIEW);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bump allocator over a plain Chicory memory. */
    private static final class FakeGuest implements Guest {
        final Memory memory = new ByteArrayMemory(new MemoryLimits(32));
        int next = 16;

        @Override public Memory memory() { return memory; }

        @Override public int alloc(int align, int size) {
            next = (next + align - 1) / align * align;
            int p = next;
            next += size;
            return p;
        }

        @Override public int lowerHandle(WorldResource r, boolean borrow, Object value) { throw new AssertionError(); }

        @Override public Object liftHandle(WorldResource r, boolean borrow, int value) { throw new AssertionError(); }
    }

    private static WitType param(String function, int index) {
        for (WorldFunction f : VIEW.exports()) {
            if (f.name().equals(function)) return f.function().params().get(index).type();
        }
        throw new AssertionError(function);
    }

    private static void roundTrip(String function, Object value) {
        WitType t = param(function, 0);
        FakeGuest g = new FakeGuest();
        LongList flat = new LongList();
        CODEC.lowerFlat(g, t, value, flat);
        assertEquals(CODEC.flatCount(t), flat.size(), function);
        Object back = CODEC.liftFlat(g, t, new FlatReader(flat.toArray()));
        assertTrue(Values.same(value, back), () -> function + " flat: " + value + " came back as " + back);
        int addr = g.alloc(CODEC.abi().align(t), CODEC.abi().size(t));
        CODEC.store(g, t, value, addr);
        Object loaded = CODEC.load(g, t, addr);
        assertTrue(Values.same(value, loaded), () -> function + " memory: " + value + " came back as " + loaded);
    }

    @Test
    void everyKitchenTypeRoundTrips() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("a", true); e.put("b", (byte) -128); e.put("c", (short) 255); e.put("d", (short) -32768); e.put("e", 65535);
        e.put("f", Integer.MIN_VALUE); e.put("g", 4294967295L); e.put("h", Long.MIN_VALUE);
        e.put("i", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)); e.put("j", Float.NaN); e.put("k", -0.0);
        e.put("l", "🌍"); e.put("m", "héllo");
        roundTrip("echo-everything", e);
        roundTrip("echo-shape", Variant.of("circle", 2.5));
        roundTrip("echo-shape", Variant.of("rect", Map.of("x", -1, "y", 7)));
        roundTrip("echo-shape", Variant.of("empty"));
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("points", List.of(Map.of("x", 1, "y", 2)));
        n.put("shapes", List.of(Optional.empty(), Optional.of(Variant.of("circle", -0.0))));
        n.put("tags", List.of("t", new byte[] {0, (byte) 255}));
        roundTrip("echo-nested", n);
        roundTrip("echo-strings", List.of(List.of("a", ""), List.of(), List.of("😀")));
        roundTrip("echo-option", Optional.of(Optional.empty()));
        roundTrip("echo-option", Optional.of(Optional.of(4294967295L)));
        roundTrip("echo-option", Optional.empty());
        roundTrip("echo-result-param", Result.ok("fine"));
        roundTrip("echo-result-param", Result.err("blue"));
        roundTrip("echo-tuple", List.of((short) 255, "x", Double.POSITIVE_INFINITY));
        roundTrip("echo-flags", Set.of("read", "exec"));
        roundTrip("echo-bytes", new byte[70000]);
        roundTrip("echo-enum", "green");
    }

    @Test
    void valuesThatDoNotFitAreRefused() {
        FakeGuest g = new FakeGuest();
        LongList out = new LongList();
        assertTrue(assertThrows(ValueException.class, () -> CODEC.lowerFlat(g, param("divide", 0), -1L, out))
                .getMessage().contains("does not fit u32"));
        assertTrue(assertThrows(ValueException.class, () -> CODEC.lowerFlat(g, param("echo-enum", 0), "purple", out))
                .getMessage().contains("no case `purple`"));
        assertTrue(assertThrows(ValueException.class, () -> CODEC.lowerFlat(g, param("echo-flags", 0), Set.of("fly"), out))
                .getMessage().contains("no flag `fly`"));
        assertTrue(assertThrows(ValueException.class, () -> CODEC.lowerFlat(g, param("echo-shape", 0), Variant.of("empty", 1), out))
                .getMessage().contains("no payload"));
        Map<String, Object> noY = Map.of("x", 1);
        assertTrue(assertThrows(ValueException.class, () -> CODEC.lowerFlat(g, param("echo-shape", 0), Variant.of("rect", noY), out))
                .getMessage().contains("missing field `y`"));
    }

    /** A Java record lowers by its components' camelCase names. */
    record Point(int x, int y) {}

    @Test
    void javaRecordsLowerByComponentName() {
        FakeGuest g = new FakeGuest();
        LongList flat = new LongList();
        WitType shape = param("echo-shape", 0);
        CODEC.lowerFlat(g, shape, Variant.of("rect", new Point(3, -4)), flat);
        assertTrue(Values.same(Variant.of("rect", Map.of("x", 3, "y", -4)), CODEC.liftFlat(g, shape, new FlatReader(flat.toArray()))));
    }
}
