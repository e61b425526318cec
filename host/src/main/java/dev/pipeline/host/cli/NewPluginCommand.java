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
                "Maven repository folder (maven/); no checkout of pipeline is needed.",
                "The extensions and init strategies stand alone; the bindings, packaging",
                "and splice ones run the bundled default strategy (static, freeze,",
                "in-place) and report on its output: add your work before or after it.", ""},
        footer = {"", "Then:",
                "  cd NAME && mvn package",
                "  pipeline plugins --plugins target/plugins",
                "  pipeline run --plugins target/plugins RECIPE    (with STAGE = \"S\")"})
public final class NewPluginCommand implements Callable<Integer> {
    /**
     * What a scaffolded strategy of one stage does as generated, and the bundled plugin it runs (null: it needs the
     * plugin API only), with the artifacts of the distribution's maven/ folder it compiles against besides the API.
     * See docs/decisions (scaffolds for every stage) for why three stages delegate.
     */
    record Scaffold(String does, String delegate, List<String> artifacts) {}

    /** Every stage, in stage order. */
    static final Map<Stage, Scaffold> SCAFFOLDS = scaffolds();

    private static Map<Stage, Scaffold> scaffolds() {
        Map<Stage, Scaffold> m = new java.util.EnumMap<>(Stage.class);
        m.put(Stage.BINDINGS, new Scaffold("runs the bundled `bindings = \"static\"` (plugin bindgen-static) and reports what it wrote",
                "bindgen-static", List.of("bindgen-static", "pipeline-component", "pipeline-python")));
        m.put(Stage.PACKAGING, new Scaffold("runs the bundled `packaging = \"freeze\"` (plugin freeze) and reports the modules it kept",
                "freeze", List.of("freeze", "pipeline-python")));
        m.put(Stage.EXTENSIONS, new Scaffold("writes the runtime kit's core module unchanged, as `extensions = \"none\"` with `builtins = \"all\"` does",
                null, List.of()));
        m.put(Stage.INIT, new Scaffold("passes the runtime module through (Python then starts on the component's first call)",
                null, List.of()));
        m.put(Stage.SPLICE, new Scaffold("runs the bundled `splice = \"in-place\"` (plugin splicer) and reports the component's size",
                "splicer", List.of("splicer", "pipeline-component")));
        return java.util.Collections.unmodifiableMap(m);
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "Folder to create; its last part is the plugin id and artifactId.")
    Path folder;

    @Option(names = "--stage", required = true, paramLabel = "STAGE",
            description = "The stage the strategy serves: bindings, packaging, extensions, init or splice.")
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
        Scaffold scaffold = SCAFFOLDS.get(st);
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
        vars.put("does", scaffold.does());
        vars.put("pluginDependencies", scaffold.delegate() == null ? "" : scaffold.delegate());
        vars.put("manifestDependencies", scaffold.delegate() == null ? ""
                : "              <Plugin-Dependencies>${plugin.dependencies}</Plugin-Dependencies>\n");
        StringBuilder deps = new StringBuilder();
        if (!scaffold.artifacts().isEmpty()) {
            deps.append("    <!-- provided as well: the host has the toolkits on its class path and loads the bundled plugins -->\n");
        }
        for (String a : scaffold.artifacts()) {
            deps.append("    <dependency><groupId>dev.pipeline</groupId><artifactId>").append(a)
                    .append("</artifactId><version>${pipeline.version}</version><scope>provided</scope></dependency>\n");
        }
        vars.put("extraDependencies", deps.toString());
        vars.put("delegation", scaffold.delegate() == null ? "" : "- The strategy runs a class of the bundled plugin `"
                + scaffold.delegate() + "`: `pom.xml` compiles against `dev.pipeline:" + scaffold.delegate() + "` (provided) and\n"
                + "  names it in the manifest's `Plugin-Dependencies`, so the host loads it first and this plugin sees its classes.\n");

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
