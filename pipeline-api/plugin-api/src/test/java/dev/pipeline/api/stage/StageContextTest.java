package dev.pipeline.api.stage;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.config.ConfigValue;
import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class StageContextTest {
    @TempDir
    Path dir;

    /** A strategy with keys of its own, run by another one. */
    private static final StageStrategy OTHER = new StageStrategy() {
        @Override public Stage stage() { return Stage.PACKAGING; }
        @Override public String name() { return "other"; }
        @Override public String description() { return "other"; }
        @Override public ConfigSchema configSchema() {
            return ConfigSchema.builder().integer("optimize", "o", 1, 0, 2).stringList("include", "i").build();
        }
        @Override public void run(StageContext ctx) {}
    };

    @Test
    void withDefaultsOfGivesTheOtherStrategysDefaultsAndTheSameFolders() {
        SourcePosition at = SourcePosition.file("recipe.toml");
        ConfigTable mine = ConfigSchema.builder().integer("level", "l", 0, 0, 3).build()
                .validate(new RawTable("stages.packaging", at, Map.of("level", new ConfigValue(2L, at))));
        AppSpec app = new AppSpec(dir.resolve("recipe.toml"), "app", List.of(dir), dir.resolve("wit"), null, dir.resolve("out.wasm"));
        Path bindings = dir.resolve("bindings");
        StageContext ctx = new StageContext() {
            @Override public AppSpec app() { return app; }
            @Override public ConfigTable config() { return mine; }
            @Override public Optional<Path> outputOf(Stage stage) { return stage == Stage.BINDINGS ? Optional.of(bindings) : Optional.empty(); }
            @Override public Path output() { return dir.resolve("out"); }
            @Override public Path scratch() { return dir.resolve("scratch"); }
            @Override public boolean explain() { return true; }
        };

        StageContext theirs = ctx.withDefaultsOf(OTHER);
        assertEquals(1L, theirs.config().integer("optimize"));
        assertEquals(List.of(), theirs.config().stringList("include"));
        assertFalse(theirs.config().has("level"));
        assertSame(app, theirs.app());
        assertEquals(Optional.of(bindings), theirs.outputOf(Stage.BINDINGS));
        assertEquals(dir.resolve("out"), theirs.output());
        assertEquals(dir.resolve("scratch"), theirs.scratch());
        assertEquals(true, theirs.explain());
    }
}
