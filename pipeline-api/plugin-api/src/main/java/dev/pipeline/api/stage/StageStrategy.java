package dev.pipeline.api.stage;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.config.ConfigTable;
import org.pf4j.ExtensionPoint;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of doing one stage, e.g. bindings = "static". Plugins mark implementations with PF4J's
 * {@code @Extension}; the host creates them through its injector, so constructors may take host services
 * ({@link dev.pipeline.api.diag.Progress}, {@link dev.pipeline.api.diag.Diagnostics}, {@link RuntimeKit}).
 */
public interface StageStrategy extends ExtensionPoint {

    /** The stage this strategy serves. */
    Stage stage();

    /** The name a recipe uses to select it, unique within its stage. */
    String name();

    /** One line for {@code pipeline plugins}. */
    String description();

    /** The keys accepted in {@code [stages.<stage>]}; the host validates the table before {@link #run}. */
    default ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    /**
     * A version for cache keys: bump it when the strategy's output changes for the same inputs. The host also
     * includes the plugin's version.
     */
    default String cacheVersion() {
        return "1";
    }

    /**
     * Files and folders outside the python-path that this strategy reads for this config (e.g. C sources named in
     * it): their contents join the stage's cache key, so editing one reruns the stage. Paths as given, resolved
     * against the recipe's folder.
     */
    default List<Path> inputFiles(AppSpec app, ConfigTable config) {
        return List.of();
    }

    /** Does the stage's work: reads earlier stages' folders from the context, writes into {@code ctx.output()}. */
    void run(StageContext ctx) throws Exception;
}
