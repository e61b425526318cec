package dev.pipeline.distro;

import dev.pipeline.api.files.TempFiles;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.testkit.Recipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin author's path with the distribution only, for a strategy of each stage: `pipeline new-plugin` into an
 * empty folder outside the checkout, `mvn package` of the result (its own test-kit tests run), the jar loaded with
 * --plugins, and examples/hello built with it and run in node.
 */
class NewPluginTest extends ComponentTest {
    private static final String HOST = "export default function log(message) { console.log('host log: ' + message); }\n";

    /** The links into the user's repository go first, so that removing the temporary folder never reaches it. */
    @AfterEach
    void removeRepositoryLinks() {
        TempFiles.deleteTree(dir.resolve("m2/central"));
    }

    /** The plugin's own progress line as generated: its default label, then what it reports. */
    private static final Map<String, String> REPORTS = Map.of(
            "bindings", "static: world example:hello/hello, ",
            "packaging", "freeze: ",
            "extensions", "kit-runtime: runtime module of ",
            "init", "pass-through: runtime module of ",
            "splice", "in-place: component of ");

    /** The bundled plugin each delegating scaffold runs (and so names in Plugin-Dependencies). */
    private static final Map<String, String> DELEGATES = Map.of("bindings", "bindgen-static", "packaging", "freeze", "splice", "splicer");

    @ParameterizedTest(name = "--stage {0}")
    @ValueSource(strings = {"bindings", "packaging", "extensions", "init", "splice"})
    void aScaffoldedPluginBuildsStandaloneAndBuildsHello(String stage) throws Exception {
        long t0 = System.nanoTime();
        String name = "my-" + stage;
        Path work = dir.resolve("author");
        Files.createDirectories(work);
        Pipeline.Result created = Pipeline.run(work, "new-plugin", name, "--stage", stage);
        assertEquals(0, created.code(), created::toString);
        Path project = work.resolve(name);
        assertTrue(Files.readString(project.resolve("pom.xml")).contains(Pipeline.home().resolve("maven").toUri().toString()),
                "the pom names the distribution's repository folder");

        // offline: Maven's own plugins from the user's repository, the pipeline artifacts from the distribution
        long m0 = System.nanoTime();
        Mvn mvn = mvn(project, "-B", "-o", "-s", sandbox().toString(), "package");
        long mvnSeconds = (System.nanoTime() - m0) / 1_000_000_000L;
        assertEquals(0, mvn.code(), mvn.out());
        assertTrue(mvn.out().contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), mvn.out());
        Path jar = project.resolve("target/plugins/" + name + "-0.1.0.jar");
        assertTrue(Files.isRegularFile(jar), mvn.out());
        // the pipeline artifacts came from the distribution's maven/ folder, not from the user's repository
        String origin = Files.readString(dir.resolve("m2/local/dev/pipeline/pipeline-api/0.1.0/_remote.repositories"));
        assertTrue(origin.contains("pipeline-api-0.1.0.jar>pipeline-distribution="), origin);
        String delegate = DELEGATES.get(stage);
        if (delegate != null) {
            String from = Files.readString(dir.resolve("m2/local/dev/pipeline/" + delegate + "/0.1.0/_remote.repositories"));
            assertTrue(from.contains(delegate + "-0.1.0.jar>pipeline-distribution="), from);
            try (JarFile j = new JarFile(jar.toFile())) {
                assertEquals(delegate, j.getManifest().getMainAttributes().getValue("Plugin-Dependencies"));
            }
        }

        Path plugins = project.resolve("target/plugins");
        Pipeline.Result listing = Pipeline.run(work, "plugins", "--plugins", plugins.toString());
        assertEquals(0, listing.code(), listing::toString);
        assertTrue(listing.out().contains("(a template to start from)"), listing.out());
        assertTrue(listing.out().contains("[stages." + stage + "] level (integer, 0..3, default 0)"), listing.out());
        assertTrue(listing.out().contains("[stages." + stage + "] label (string, one of "), listing.out());

        Path hello = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), work.resolve("hello"));
        Path recipe = hello.resolve("recipe.toml");
        // the project's own test built hello with the default init (pre-initialised); here Python starts in node
        if (!stage.equals("init")) Recipes.choose(recipe, Stage.INIT, "none", Map.of());
        Recipes.choose(recipe, Stage.byKey(stage), name, Map.of("report", true, "level", 2));
        // --no-cache: the plugin runs even when its own test or an earlier test run left this stage in the cache
        Pipeline.Result built = Pipeline.run(hello, "run", "--no-cache", "--plugins", plugins.toString(), "recipe.toml");
        assertEquals(0, built.code(), built::toString);
        assertTrue(built.err().contains(stage + ": " + name), built.err());
        assertTrue(built.err().contains(REPORTS.get(stage)), "the plugin's progress line: " + built.err());

        byte[] component = Files.readAllBytes(hello.resolve("build/hello.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        String out = jco.transpileAndRun(component, "hello_" + name.replace('-', '_'), Map.of("log", "./host.js"),
                Map.of("host.js", HOST), "console.log('result: ' + component.greet('plugin'));\n");
        assertTrue(out.contains("host log: greeting plugin"), out);
        assertTrue(out.contains("result: Hello, plugin!"), out);
        System.out.printf("new-plugin --stage %s: mvn package %d s (with the project's 3 tests), whole test %d s%n",
                stage, mvnSeconds, (System.nanoTime() - t0) / 1_000_000_000L);
    }

    @Test
    void newPluginRejectsUnknownStagesAndUsedFolders() throws IOException {
        Pipeline.Result unknown = Pipeline.run(dir, "new-plugin", "x", "--stage", "inti");
        assertEquals(1, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("error: --stage: `inti` is not a stage"), unknown.err());
        assertTrue(unknown.err().contains("stages: bindings, packaging, extensions, init, splice"), unknown.err());
        Files.createDirectories(dir.resolve("used"));
        Files.writeString(dir.resolve("used/file"), "x");
        Pipeline.Result used = Pipeline.run(dir, "new-plugin", "used", "--stage", "init");
        assertTrue(used.err().contains("used: error: already exists and is not empty"), used.err());
    }

    /**
     * A Maven setup that reaches no network and never writes to the user's repository: an empty local repository,
     * and "central" mirrored to a view of the user's repository without dev/pipeline (Maven's own plugins, JUnit,
     * PF4J come from there; the pipeline artifacts can only come from the distribution).
     */
    private Path sandbox() throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2/repository");
        Path central = dir.resolve("m2/central");
        Files.createDirectories(central.resolve("dev"));
        try (Stream<Path> top = Files.list(m2)) {
            for (Path p : top.toList()) if (!p.getFileName().toString().equals("dev")) Files.createSymbolicLink(central.resolve(p.getFileName()), p);
        }
        if (Files.isDirectory(m2.resolve("dev"))) {
            try (Stream<Path> devs = Files.list(m2.resolve("dev"))) {
                for (Path p : devs.toList()) {
                    if (!p.getFileName().toString().equals("pipeline")) Files.createSymbolicLink(central.resolve("dev").resolve(p.getFileName()), p);
                }
            }
        }
        Path local = Files.createDirectories(dir.resolve("m2/local"));
        Path settings = dir.resolve("m2/settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors><mirror><id>user-repository-as-central</id><mirrorOf>central</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>
                """.formatted(local, central.toUri()));
        return settings;
    }

    private record Mvn(int code, String out) {}

    private static Mvn mvn(Path project, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mvn"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("mvn", ".log");
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn did not finish in 20 minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Mvn(p.exitValue(), out);
    }
}
