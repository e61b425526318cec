package dev.pipeline.plugins.freeze;

import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import jakarta.inject.Inject;
import org.pf4j.Extension;

/** packaging = "freeze": the app, its dependencies and the stdlib it reaches, compiled to bytecode. */
@Extension
public final class FreezeStrategy extends PackagingStrategy {
    @Inject
    public FreezeStrategy(Progress progress, RuntimeKit kit) {
        super(progress, kit);
    }

    @Override
    public String name() {
        return "freeze";
    }

    @Override
    public String description() {
        return "bytecode of the app, its dependencies and the stdlib modules its import DAG reaches";
    }

    @Override
    boolean shipSource() {
        return false;
    }
}
