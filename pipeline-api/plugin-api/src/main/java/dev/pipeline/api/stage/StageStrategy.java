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

    /**
     * The stage this strategy serves.
     *
     * @return the stage
     */
    Stage stage();

    /**
     * The name a recipe uses to select it ({@code init = "NAME"}), unique within its stage; a strategy of a
     * {@code --plugins} folder with the same stage and name replaces a bundled one.
     *
     * @return the name, lowercase kebab-case by convention
     */
    String name();

    /**
     * One line for {@code pipeline plugins}.
     *
     * @return the description
     */
    String description();

    /**
     * The keys accepted in {@code [stages.<stage>]} (or {@code [stages.<name>]}); the host validates the table
     * before {@link #run} and reports every problem with the recipe's line and column.
     *
     * @return the schema; {@link ConfigSchema#empty()} by default
     */
    default ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    /**
     * A version for cache keys: bump it when the strategy's output changes for the same inputs. The host also
     * includes the plugin's version.
     *
     * @return the version, {@code "1"} by default
     */
    default String cacheVersion() {
        return "1";
    }

    /**
     * Files and folders outside the python-path that this strategy reads for this config (e.g. C sources named in
     * it): their contents join the stage's cache key, so editing one reruns the stage. Paths as given, resolved
     * against the recipe's folder.
     *
     * @param app the app being built
     * @param config the validated config table
     * @return the files and folders; none by default
     */
    default List<Path> inputFiles(AppSpec app, ConfigTable config) {
        return List.of();
    }

    /**
     * Does the stage's work: reads earlier stages' folders from the context, writes into {@code ctx.output()}.
     * The output must depend only on the inputs (identical inputs, byte-identical output).
     *
     * @param ctx the app, the config table and the folders
     * @throws Exception a {@link dev.pipeline.api.diag.PipelineException} for errors the user can fix (printed as
     *                   they are); anything else is reported as a failure of this strategy, with its stack trace under
     *                   {@code --verbose}
     */
    void run(StageContext ctx) throws Exception;
}
