package dev.pipeline.jvmhost.raw;

import com.dylibso.chicory.wasm.ChicoryException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unexpected exceptions and hostile values from the host trap with a message on stderr. Each case runs in a
 * fresh instance restored from a snapshot of one initialised instance (a trapped instance is not reused).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeTrapTest {
    private final EchoWorld world = new EchoWorld();
    private RuntimeSnapshot initialised;

    @BeforeAll
    void initialiseOnce() throws Exception {
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                .image(EchoWorld.image()).stderr(err).build()) {
            assertEquals(0, rt.init(), () -> err.toString(StandardCharsets.UTF_8));
            initialised = rt.snapshot();
        }
    }

    /** Runs the action in a fresh instance; asserts it traps and returns what the module wrote to stderr. */
    private String trapStderr(Function<PipelineRuntime, Object> action) throws Exception {
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                .image(EchoWorld.image()).importHandler(new EchoImports()).stderr(err).restore(initialised).build()) {
            assertEquals(0, rt.init());
            assertThrows(ChicoryException.class, () -> action.apply(rt));
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private long[] dispatch(PipelineRuntime rt, String echo, long... params) {
        return rt.dispatch(world.echo(echo).echo(), params, 1);
    }

    @Test
    void aRestoredSnapshotWorksWithoutInit() throws Exception {
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                .image(EchoWorld.image()).stderr(err).restore(initialised).build()) {
            assertEquals(0xFFFFFFFFL, rt.dispatch(world.echo("u32").echo(), new long[] {0xFFFFFFFFL}, 1)[0]);
        }
    }

    @Test
    void restoredInstancesReseedRandomOnTheirFirstCall() throws Exception {
        long[] bits = new long[3];
        long[] seeds = {1, 2, 1};
        for (int i = 0; i < 3; i++) {
            try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                    .image(EchoWorld.image()).seed(seeds[i]).restore(initialised).build()) {
                bits[i] = rt.dispatch(world.randomBits, new long[0])[0];
            }
        }
        assertTrue(bits[0] != bits[1], "different WASI randomness, different random state");
        assertEquals(bits[0], bits[2], "the state comes from WASI random_get, not from the snapshot");
    }

    @Test
    void anUnexpectedExceptionPrintsTheTracebackAndTraps() throws Exception {
        String err = trapStderr(rt -> rt.dispatch(world.boom, new long[0], 1));
        assertTrue(err.contains("Traceback (most recent call last)"), err);
        assertTrue(err.contains("ValueError: this export always fails"), err);
        assertTrue(err.contains("echo_app.py"), err);
        assertTrue(err.contains("export boom raised an exception"), err);
    }

    @Test
    void aResultThatDoesNotFitItsTypeTraps() throws Exception {
        String err = trapStderr(rt -> rt.dispatch(world.badReturn, new long[0], 1));
        assertTrue(err.contains("TypeError: u32: expected int, got str"), err);
        assertTrue(err.contains("bad-return returned a value that does not fit"), err);
    }

    @Test
    void surrogateAndTooLargeCharsTrap() throws Exception {
        assertTrue(trapStderr(rt -> dispatch(rt, "char", 0xD800)).contains("char: invalid code point 0xd800"));
        assertTrue(trapStderr(rt -> dispatch(rt, "char", 0x110000)).contains("char: invalid code point 0x110000"));
    }

    @Test
    void invalidUtf8Traps() throws Exception {
        String err = trapStderr(rt -> {
            int p = rt.allocBytes(new byte[] {'o', 'k', (byte) 0xC3, 0x28}, 1);
            return dispatch(rt, "string", p, 4);
        });
        assertTrue(err.contains("string: invalid UTF-8"), err);
    }

    @Test
    void discriminantsOutOfRangeTrap() throws Exception {
        assertTrue(trapStderr(rt -> dispatch(rt, "shape", 4, 0, 0)).contains("variant: discriminant 4 out of range (4 cases)"));
        assertTrue(trapStderr(rt -> dispatch(rt, "color", 3)).contains("enum: discriminant 3 out of range"));
        assertTrue(trapStderr(rt -> dispatch(rt, "opt-u32", 2, 0)).contains("option: discriminant 2 out of range"));
        assertTrue(trapStderr(rt -> dispatch(rt, "result", 9, 0, 0)).contains("result: discriminant 9 out of range"));
    }

    @Test
    void pointersOutsideMemoryTrap() throws Exception {
        String err = trapStderr(rt -> {
            long end = (long) rt.memory().pages() * 65536;
            return dispatch(rt, "string", end - 2, 10);
        });
        assertTrue(err.contains("string: range") && err.contains("outside linear memory"), err);
        err = trapStderr(rt -> dispatch(rt, "bytes", 0xFFFFFFF0L, 0x100));
        assertTrue(err.contains("list: range") && err.contains("outside linear memory"), err);
    }

    @Test
    void misalignedListsTrap() throws Exception {
        String err = trapStderr(rt -> dispatch(rt, "points", rt.alloc(64, 8) + 4, 1));
        assertTrue(err.contains("list: pointer") && err.contains("is not aligned to 8"), err);
    }

    @Test
    void aParamsTupleOutsideMemoryOrMisalignedTraps() throws Exception {
        String err = trapStderr(rt -> rt.dispatch(world.join17, new long[] {0xFFFFFF00L}, 1));
        assertTrue(err.contains("params tuple: range") && err.contains("outside linear memory"), err);
        err = trapStderr(rt -> rt.dispatch(world.join17, new long[] {rt.alloc(80, 4) + 2}, 1));
        assertTrue(err.contains("params tuple: pointer") && err.contains("is not aligned to 4"), err);
    }

    @Test
    void unknownExportsAndRepsTrap() throws Exception {
        assertTrue(trapStderr(rt -> rt.dispatch(10_000, new long[0], 1)).contains("export index 10000 out of range"));
        assertTrue(trapStderr(rt -> rt.dispatch(world.counterIncr, new long[] {999}, 1)).contains("unknown rep 999"));
    }

    @Test
    void aRepWhoseLastHandleWasDroppedTraps() throws Exception {
        String err = trapStderr(rt -> {
            long handle = rt.dispatch(world.counterNew, new long[] {5}, 1)[0];
            int rep = rt.resources().rep(EchoWorld.COUNTER, (int) handle);
            assertEquals(6, rt.dispatch(world.counterIncr, new long[] {rep}, 1)[0]);
            rt.dropExported(EchoWorld.COUNTER, (int) handle); // the destructor runs: the object is gone
            return rt.dispatch(world.counterIncr, new long[] {rep}, 1);
        });
        assertTrue(err.contains("unknown rep"), err);
    }
}
