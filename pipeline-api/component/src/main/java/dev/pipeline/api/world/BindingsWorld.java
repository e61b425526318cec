package dev.pipeline.api.world;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.contract.SelectedWorld;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;

import java.util.Set;

/**
 * What every bindings strategy shares: the WIT-feature keys of its config, loading the app's world with them, and
 * recording that choice ({@code wit.json}) for the later stages.
 */
public final class BindingsWorld {
    private BindingsWorld() {}

    /** Adds {@code features} and {@code all-features} to a bindings strategy's schema. */
    public static ConfigSchema.Builder featureKeys(ConfigSchema.Builder schema) {
        return schema.stringList("features", "WIT @unstable features to enable")
                .bool("all-features", "enable every @unstable feature", false);
    }

    /** The app's world, loaded with the features the stage's config enables. */
    public static WorldView load(StageContext ctx) {
        Resolve resolve = WitLoader.load(ctx.app().wit(), Set.copyOf(ctx.config().stringList("features")),
                ctx.config().bool("all-features"));
        return new WorldView(resolve, resolve.selectWorld(ctx.app().world()));
    }

    /** Writes {@code wit.json} into the stage's output: {@code view}'s world by its full name, and the features. */
    public static void recordSelection(StageContext ctx, WorldView view) {
        new SelectedWorld(view.resolve().worldName(view.world().id()), ctx.config().stringList("features"),
                ctx.config().bool("all-features")).write(ctx.output());
    }
}
