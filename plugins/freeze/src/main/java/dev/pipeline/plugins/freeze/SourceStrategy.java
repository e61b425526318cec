package dev.pipeline.plugins.freeze;

import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import jakarta.inject.Inject;
import org.pf4j.Extension;

/** packaging = "source": the app and its dependencies as .py source (tracebacks show lines); stdlib as bytecode. */
@Extension
public final class SourceStrategy extends PackagingStrategy {
    @Inject
    public SourceStrategy(Progress progress, RuntimeKit kit) {
        super(progress, kit);
    }

    @Override
    public String name() {
        return "source";
    }

    @Override
    public String description() {
        return "the app's .py sources as they are (stdlib still as bytecode)";
    }

    @Override
    boolean shipSource() {
        return true;
    }
}
