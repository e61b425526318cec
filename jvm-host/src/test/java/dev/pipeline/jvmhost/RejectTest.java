package dev.pipeline.jvmhost;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not components pipeline built are refused with one clear line. */
class RejectTest {
    private static String message(byte[] bytes) {
        PipelineException e = assertThrows(PipelineException.class,
                () -> PythonComponent.loader().compilerCache(null).load(bytes, "x.wasm"));
        return e.diagnostic().message();
    }

    @Test
    void aCoreModuleIsNotAComponent() {
        String m = message(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        assertTrue(m.contains("x.wasm is not a component (it is a core module)"), m);
    }

    @Test
    void garbageIsNotAComponent() {
        String m = message("hello".getBytes());
        assertTrue(m.contains("is not a component"), m);
    }

    @Test
    void aComponentOtherToolsMadeIsRefused() {
        try (JcoOracle jco = new JcoOracle()) {
            byte[] c = jco.dummyComponent("package a:b;\nworld w { export f: func(x: u32) -> u32; }\n", "w");
            String m = message(c);
            assertTrue(m.contains("was not built by pipeline"), m);
        }
    }
}
