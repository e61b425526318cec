package testplugin.override;

import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import org.pf4j.Extension;

import java.nio.file.Files;

/** Replaces the "echo" bindings strategy of another plugin. */
@Extension
public final class OverrideBindings implements StageStrategy {
    @Override public Stage stage() { return Stage.BINDINGS; }
    @Override public String name() { return "echo"; }
    @Override public String description() { return "overriding echo bindings"; }
    @Override public void run(StageContext ctx) throws Exception {
        String log = System.getProperty("testplugin.log");
        if (log != null) Files.writeString(java.nio.file.Path.of(log), "bindings:override\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(ctx.output().resolve("bindings.txt"), "bindings-override\n");
    }
}
