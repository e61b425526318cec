package dev.pipeline.host.plugins;

import dev.pipeline.api.stage.StageStrategy;

import java.nio.file.Path;

/** An installed strategy and where it comes from; {@code replaced} names the plugin whose strategy it overrides. */
public record StrategyInfo(StageStrategy strategy, String pluginId, String pluginVersion, Path pluginPath, String replaced) {}
