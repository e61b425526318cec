package dev.pipeline.api.testing;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.config.ConfigValue;
import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StageContext} over plain folders, for running one strategy in a unit test: earlier stages' outputs are
 * folders the test fills, {@code output} and {@code scratch} are empty folders.
 */
public record FolderStageContext(AppSpec app, ConfigTable config, Map<Stage, Path> outputs, Path output, Path scratch,
                                 boolean explain) implements StageContext {

    @Override
    public Optional<Path> outputOf(Stage stage) {
        return Optional.ofNullable(outputs.get(stage));
    }

    /** {@code values} (strings, booleans, numbers, lists of them) checked against {@code strategy}'s schema. */
    public static ConfigTable config(StageStrategy strategy, Map<String, Object> values) {
        SourcePosition at = SourcePosition.file("recipe.toml");
        Map<String, ConfigValue> raw = new LinkedHashMap<>();
        values.forEach((k, v) -> raw.put(k, new ConfigValue(v instanceof List<?> l
                ? l.stream().map(x -> new ConfigValue(x, null)).toList() : v, at)));
        return strategy.configSchema().validate(new RawTable("stages." + strategy.stage().key(), at, raw));
    }
}
