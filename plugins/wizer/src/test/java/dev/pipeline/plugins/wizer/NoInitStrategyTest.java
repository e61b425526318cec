package dev.pipeline.plugins.wizer;

import dev.pipeline.api.contract.InitResult;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.testing.FolderStageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** init = "none": the runtime passes through unchanged and init.json says it was not pre-initialised. */
class NoInitStrategyTest {
    @TempDir Path dir;

    private FolderStageContext context(Map<Stage, Path> outputs, Path out) throws Exception {
        AppSpec app = new AppSpec(dir.resolve("recipe.toml"), "app", List.of(dir), dir, "w", dir.resolve("out.wasm"));
        NoInitStrategy s = new NoInitStrategy(dev.pipeline.api.diag.Progress.SILENT);
        return new FolderStageContext(app, FolderStageContext.config(s, Map.of()), outputs, out,
                Files.createDirectories(dir.resolve("scratch")), false);
    }

    @Test
    void theRuntimePassesThroughAndInitJsonSaysSo() throws Exception {
        Path ext = Files.createDirectories(dir.resolve("extensions"));
        byte[] runtime = {0, 'a', 's', 'm', 1, 0, 0, 0};
        Files.write(ext.resolve("runtime.wasm"), runtime);
        Path out = Files.createDirectories(dir.resolve("out"));
        new NoInitStrategy(dev.pipeline.api.diag.Progress.SILENT).run(context(Map.of(Stage.EXTENSIONS, ext), out));
        assertArrayEquals(runtime, Files.readAllBytes(out.resolve("runtime.wasm")));
        InitResult result = InitResult.read(out);
        assertFalse(result.preinitialised());
        assertEquals(InitResult.notPreinitialised(), result);
    }

    @Test
    void withoutTheExtensionsStagesRuntimeItSaysWhatIsMissing() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        PipelineException e = assertThrows(PipelineException.class, () -> new NoInitStrategy(dev.pipeline.api.diag.Progress.SILENT).run(context(Map.of(), out)));
        assertEquals("the extensions stage wrote no runtime.wasm", e.diagnostic().message());
    }
}
