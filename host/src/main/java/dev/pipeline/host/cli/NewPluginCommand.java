package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code pipeline new-plugin NAME --stage STAGE}: scaffolds a standalone Maven project of a strategy plugin. */
@Command(name = "new-plugin", mixinStandardHelpOptions = true,
        description = {"Create a Maven project of a strategy plugin in a new folder NAME:",
                "pom.xml (every version pinned, the PF4J manifest), a strategy class",
                "that works as generated, a unit test using the plugin test kit and a",
                "README. It builds with `mvn package` against this distribution's",
                "Maven repository folder (maven/); no checkout of pipeline is needed.", ""},
        footer = {"", "Then:",
                "  cd NAME && mvn package",
                "  pipeline plugins --plugins target/plugins",
                "  pipeline run --plugins target/plugins RECIPE    (with STAGE = \"S\")"})
public final class NewPluginCommand implements Callable<Integer> {
    /** The stages new-plugin can scaffold, with the simplest valid output for each. */
    static final List<Stage> SCAFFOLDED = List.of(Stage.INIT);

    @Parameters(index = "0", paramLabel = "NAME", description = "Folder to create; its last part is the plugin id and artifactId.")
    Path folder;

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage the strategy serves: init.")
    String stage;

    @Option(names = "--strategy", paramLabel = "S", description = "The name a recipe selects it by (default: NAME).")
    String strategy;

    @Option(names = "--package", paramLabel = "PKG", description = "The Java package (default: plugin.NAME, dashes removed).")
    String javaPackage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = folder.getFileName().toString();
        if (!ScaffoldChecks.isKebabCase(name)) {
            throw new PipelineException(SourcePosition.file(folder.toString()), "`" + name + "` is not a valid plugin name",
                    "use lowercase kebab-case, e.g. my-init");
        }
        Stage st = Stage.byKey(stage);
        if (st == null) {
            throw new PipelineException(null, "--stage: `" + stage + "` is not a stage", "stages: " + String.join(", ", Stage.keys()));
        }
        if (!SCAFFOLDED.contains(st)) {
            throw new PipelineException(null, "--stage " + stage + ": new-plugin scaffolds strategies of the stages "
                    + String.join(", ", SCAFFOLDED.stream().map(Stage::key).toList()) + " only",
                    "scaffold an init strategy and change its stage(); docs/stage-contracts.md says what each stage writes");
        }
        String strategyName = strategy == null ? name : strategy;
        if (!ScaffoldChecks.isKebabCase(strategyName)) {
            throw new PipelineException(null, "--strategy: `" + strategyName + "` is not a valid strategy name",
                    "use lowercase kebab-case, e.g. my-init");
        }
        String pkg = javaPackage != null ? javaPackage : "plugin." + name.replace("-", "");
        if (!pkg.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            throw new PipelineException(null, "--package: `" + pkg + "` is not a Java package name", "e.g. com.example.myinit");
        }
        ScaffoldChecks.requireNewFolder(folder);
        Path home = Session.home();
        Path repo = home.resolve("maven");
        if (!Files.isDirectory(repo.resolve("dev/pipeline/pipeline-api"))) {
            throw new PipelineException(SourcePosition.file(repo.toString()), "this distribution has no Maven repository folder "
                    + "with dev.pipeline:pipeline-api", "use an assembled distribution (distro/target/pipeline)");
        }
        String className = className(strategyName);
        Properties versions = versions();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("name", name);
        vars.put("group", pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg);
        vars.put("package", pkg);
        vars.put("packagePath", pkg.replace('.', '/'));
        vars.put("class", className);
        vars.put("strategy", strategyName);
        vars.put("stage", st.key());
        vars.put("home", home.toString());
        vars.put("repo", repo.toUri().toString());
        vars.put("version", versions.getProperty("version"));
        vars.put("pf4j", versions.getProperty("pf4j.version"));
        vars.put("jakarta", versions.getProperty("jakarta.inject.version"));
        vars.put("junit", versions.getProperty("junit.version"));

        Path src = folder.resolve("src/main/java").resolve(pkg.replace('.', '/'));
        Path test = folder.resolve("src/test/java").resolve(pkg.replace('.', '/'));
        write(folder.resolve("pom.xml"), "pom.xml.tmpl", vars);
        write(folder.resolve("README.md"), "README.md.tmpl", vars);
        write(src.resolve(className + ".java"), st.key() + ".java.tmpl", vars);
        write(test.resolve(className + "Test.java"), st.key() + "Test.java.tmpl", vars);
        write(folder.resolve(".gitignore"), null, Map.of());
        // `mvn -o` may still read the distribution's file: repository (Maven reads this file in the project's root)
        Files.createDirectories(folder.resolve(".mvn"));
        Files.writeString(folder.resolve(".mvn/maven.config"), "-Daether.offline.protocols=file\n");
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + folder + ": a Maven project of the plugin " + name + " (" + st.key() + " = \"" + strategyName + "\")");
        out.println("build and load it with:");
        out.println("  cd " + folder + " && mvn package");
        out.println("  pipeline plugins --plugins target/plugins");
        out.flush();
        return 0;
    }

    /** {@code my-init} → {@code MyInitStrategy}. */
    static String className(String strategyName) {
        StringBuilder sb = new StringBuilder();
        for (String part : strategyName.split("-")) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        if (Character.isDigit(sb.charAt(0))) sb.insert(0, 'S');
        return sb + "Strategy";
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = NewPluginCommand.class.getResourceAsStream("/dev/pipeline/host/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void write(Path file, String template, Map<String, String> vars) throws IOException {
        String text;
        if (template == null) {
            text = "target/\n";
        } else {
            try (InputStream in = NewPluginCommand.class.getResourceAsStream("newplugin/" + template)) {
                if (in == null) throw new IllegalStateException("missing template " + template);
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> v : vars.entrySet()) text = text.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
