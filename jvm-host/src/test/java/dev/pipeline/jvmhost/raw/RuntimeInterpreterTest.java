package dev.pipeline.jvmhost.raw;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same module runs under Chicory's interpreter; the state of an instance initialised with the compiler
 * restores into an interpreted instance (the state is the module's, not the engine's).
 */
class RuntimeInterpreterTest {
    @Test
    void aCompiledInstancesSnapshotRunsInTheInterpreter() throws Exception {
        EchoWorld world = new EchoWorld();
        RuntimeSnapshot snapshot;
        var err = new ByteArrayOutputStream();
        try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.COMPILER))
                .image(EchoWorld.image()).stderr(err).build()) {
            assertEquals(0, rt.init(), () -> err.toString(StandardCharsets.UTF_8));
            snapshot = rt.snapshot();
        }
        try (PipelineRuntime rt = PipelineRuntime.builder(RuntimeFixtures.engine(RuntimeEngine.Mode.INTERPRETER))
                .image(EchoWorld.image()).importHandler(new EchoImports()).stderr(err).restore(snapshot).build()) {
            assertEquals(Long.MIN_VALUE, rt.dispatch(world.echo("s64").echo(), new long[] {Long.MIN_VALUE}, 1)[0]);
            int area = (int) rt.dispatch(world.callImports, new long[0], 1)[0];
            String out = rt.readString(rt.memory().readInt(area), rt.memory().readInt(area + 4));
            assertTrue(out.startsWith("[42, \"hello, wörld\", 136000000000000"), out);
            rt.postReturn(world.callImports);
        }
    }
}
