package testplugin.echo;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.stage.StageStrategy;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A third-party plugin used by the host tests: one "echo" strategy per stage, recording what ran. */
public final class EchoStrategies {
    private EchoStrategies() {}

    static void record(Stage stage, String what) throws Exception {
        String log = System.getProperty("testplugin.log");
        if (log != null) {
            Files.writeString(Path.of(log), stage.key() + ":" + what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Base: writes "<stage>.txt" holding the previous stage's text plus its own line. */
    abstract static class Echo implements StageStrategy {
        private final Progress progress;

        Echo(Progress progress) {
            this.progress = progress;
        }

        @Override public String name() { return "echo"; }
        @Override public String description() { return "echo strategy for " + stage().key(); }

        @Override
        public void run(StageContext ctx) throws Exception {
            progress.status("echo " + stage().key() + " for module " + ctx.app().module());
            record(stage(), "echo");
            String before = "";
            int i = stage().ordinal();
            if (i > 0) {
                Path prev = ctx.outputOf(Stage.values()[i - 1]).orElseThrow().resolve(Stage.values()[i - 1].key() + ".txt");
                before = Files.readString(prev);
            }
            Files.writeString(ctx.output().resolve(stage().key() + ".txt"), before + stage().key() + " " + extra(ctx) + "\n");
        }

        String extra(StageContext ctx) { return ""; }
    }

    @Extension public static final class Bindings extends Echo {
        @Inject public Bindings(Progress p) { super(p); }
        @Override public Stage stage() { return Stage.BINDINGS; }
    }

    @Extension public static final class Packaging extends Echo {
        @Inject public Packaging(Progress p) { super(p); }
        @Override public Stage stage() { return Stage.PACKAGING; }
        @Override public ConfigSchema configSchema() {
            return ConfigSchema.builder()
                    .string("greeting", "a word to write", "hi")
                    .integer("level", "0, 1 or 2", 0, 0, 2)
                    .stringList("include", "extra names")
                    .build();
        }
        @Override String extra(StageContext ctx) {
            return ctx.config().string("greeting") + " " + ctx.config().integer("level") + " " + ctx.config().stringList("include");
        }
    }

    @Extension public static final class Extensions extends Echo {
        @Inject public Extensions(Progress p) { super(p); }
        @Override public Stage stage() { return Stage.EXTENSIONS; }
    }

    @Extension public static final class Init extends Echo {
        @Inject public Init(Progress p) { super(p); }
        @Override public Stage stage() { return Stage.INIT; }
    }

    /** Fails on purpose, to check that a failed run leaves no output file. */
    @Extension public static final class FailingInit implements StageStrategy {
        @Override public Stage stage() { return Stage.INIT; }
        @Override public String name() { return "fail"; }
        @Override public String description() { return "always fails"; }
        @Override public void run(StageContext ctx) throws Exception {
            Files.writeString(ctx.output().resolve("partial.bin"), "x");
            throw new IllegalStateException("boom from the test plugin");
        }
    }

    /** Writes an empty but valid component holding the echoed text in a custom section. */
    @Extension public static final class Splice extends Echo {
        @Inject public Splice(Progress p) { super(p); }
        @Override public Stage stage() { return Stage.SPLICE; }
        @Override public void run(StageContext ctx) throws Exception {
            super.run(ctx);
            byte[] text = Files.readAllBytes(ctx.output().resolve("splice.txt"));
            byte[] name = "echo".getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
            out.write(0);
            int size = 1 + name.length + text.length;
            do { int b = size & 0x7f; size >>>= 7; out.write(size != 0 ? b | 0x80 : b); } while (size != 0);
            out.write(name.length);
            out.write(name);
            out.write(text);
            Files.write(ctx.output().resolve("component.wasm"), out.toByteArray());
        }
    }
}
