package dev.pipeline.api.contract;

import dev.pipeline.api.diag.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every stage-contract file reads back what was written, and bad files give errors that name them. */
class StageContractFilesTest {
    @TempDir Path dir;

    @Test
    void eachFileRoundTrips() {
        SelectedWorld world = new SelectedWorld("wasi:http/proxy@0.2.0", List.of("a", "b"), true);
        world.write(dir);
        assertEquals(world, SelectedWorld.read(dir));

        EntryModules entries = new EntryModules(List.of("wit_world", "poll_loop"));
        entries.write(dir);
        assertEquals(entries, EntryModules.read(dir));

        KeptModules kept = new KeptModules(List.of(
                new KeptModules.Module("app", false, "app", "app.py", false, "the app module", 120, 300),
                new KeptModules.Module("json", true, "stdlib", "json/__init__.py", true, "imported by app", 14000, 14000)));
        kept.write(dir);
        assertEquals(kept, KeptModules.read(dir));

        ReachedBuiltins builtins = new ReachedBuiltins(List.of(new ReachedBuiltins.Builtin("_json", "imported by json.decoder")));
        builtins.write(dir);
        assertEquals(builtins, ReachedBuiltins.read(dir));

        InitResult init = new InitResult(true, "compiler", 150, 12, 7_000_000);
        init.write(dir);
        assertEquals(init, InitResult.read(dir));
        InitResult.notPreinitialised().write(dir);
        assertEquals(InitResult.notPreinitialised(), InitResult.read(dir));
    }

    @Test
    void entriesSkipBlankLinesAndRepeats() throws Exception {
        Files.writeString(dir.resolve(EntryModules.FILE), "a\n\n  b \na\n");
        assertEquals(List.of("a", "b"), EntryModules.read(dir).modules());
        assertEquals(List.of(), EntryModules.read(dir.resolve("nowhere")).modules(), "no file: no entries");
    }

    @Test
    void aMissingFileNamesTheStageThatShouldHaveWrittenIt() {
        PipelineException e = assertThrows(PipelineException.class, () -> InitResult.read(dir));
        assertEquals("the init stage wrote no init.json (see docs/stage-contracts.md)", e.diagnostic().message());
    }

    @Test
    void aMistypedFieldIsNamed() throws Exception {
        Files.writeString(dir.resolve(SelectedWorld.FILE), "{\"world\": 3}");
        PipelineException e = assertThrows(PipelineException.class, () -> SelectedWorld.read(dir));
        assertEquals("wit.json: field \"world\" should be a string", e.diagnostic().message());
        Files.writeString(dir.resolve(ReachedBuiltins.FILE), "{}");
        e = assertThrows(PipelineException.class, () -> ReachedBuiltins.read(dir));
        assertEquals("builtins.json: expected a JSON array", e.diagnostic().message());
    }
}
