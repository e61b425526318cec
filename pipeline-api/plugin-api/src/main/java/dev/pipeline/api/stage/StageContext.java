package dev.pipeline.api.stage;

import dev.pipeline.api.config.ConfigTable;

import java.nio.file.Path;
import java.util.Optional;

/** What a strategy sees while it runs: the app, its validated config, earlier outputs and a folder to write. */
public interface StageContext {

    /** The {@code [app]} section, with paths resolved against the recipe's folder. */
    AppSpec app();

    /** The validated {@code [stages.<stage>]} table. */
    ConfigTable config();

    /** The folder another stage wrote in this run, if that stage ran before this one. */
    Optional<Path> outputOf(Stage stage);

    /** An empty folder for this stage's files; it becomes visible to later stages only if the stage succeeds. */
    Path output();

    /** A scratch folder, deleted after the run. */
    Path scratch();

    /** True when the user asked why things were chosen ({@code pipeline run --explain}): print reasons via Progress. */
    boolean explain();
}
