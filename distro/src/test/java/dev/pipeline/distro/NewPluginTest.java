package dev.pipeline.distro;

import dev.pipeline.api.files.TempFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin author's path with the distribution only: `pipeline new-plugin` into an empty folder outside the
 * checkout, `mvn package` of the result (its own test-kit tests run), the jar loaded with --plugins, and
 * examples/hello built with it and run in node.
 */
class NewPluginTest extends ComponentTest {
    private static final String HOST = "export default function log(message) { console.log('host log: ' + message); }\n";

    /** The links into the user's repository go first, so that removing the temporary folder never reaches it. */
    @AfterEach
    void removeRepositoryLinks() {
        TempFiles.deleteTree(dir.resolve("m2/central"));
    }

    @Test
    void aScaffoldedPluginBuildsStandaloneAndBuildsHello() throws Exception {
        Path work = dir.resolve("author");
        Files.createDirectories(work);
        Pipeline.Result created = Pipeline.run(work, "new-plugin", "my-init", "--stage", "init");
        assertEquals(0, created.code(), created::toString);
        Path project = work.resolve("my-init");
        assertTrue(Files.readString(project.resolve("pom.xml")).contains(Pipeline.home().resolve("maven").toUri().toString()),
                "the pom names the distribution's repository folder");

        // offline: Maven's own plugins from the user's repository, the pipeline artifacts from the distribution
        Mvn mvn = mvn(project, "-B", "-o", "-s", sandbox().toString(), "package");
        assertEquals(0, mvn.code(), mvn.out());
        assertTrue(mvn.out().contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), mvn.out());
        Path jar = project.resolve("target/plugins/my-init-0.1.0.jar");
        assertTrue(Files.isRegularFile(jar), mvn.out());
        // the pipeline artifacts came from the distribution's maven/ folder, not from the user's repository
        String origin = Files.readString(dir.resolve("m2/local/dev/pipeline/pipeline-api/0.1.0/_remote.repositories"));
        assertTrue(origin.contains("pipeline-api-0.1.0.jar>pipeline-distribution="), origin);

        Path plugins = project.resolve("target/plugins");
        Pipeline.Result listing = Pipeline.run(work, "plugins", "--plugins", plugins.toString());
        assertEquals(0, listing.code(), listing::toString);
        assertTrue(listing.out().contains("my-init        passes the runtime through"), listing.out());
        assertTrue(listing.out().contains("[stages.init] level (integer, 0..3, default 0)"), listing.out());
        assertTrue(listing.out().contains("[stages.init] label (string, one of pass-through, copy, default pass-through)"), listing.out());

        Path hello = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), work.resolve("hello"));
        Files.writeString(hello.resolve("recipe.toml"), Files.readString(hello.resolve("recipe.toml"))
                + "\n[pipeline]\ninit = \"my-init\"\n\n[stages.init]\nreport = true\nlevel = 2\n");
        // --no-cache: the plugin runs even when an earlier test run left this stage in the cache
        Pipeline.Result built = Pipeline.run(hello, "run", "--no-cache", "--plugins", plugins.toString(), "recipe.toml");
        assertEquals(0, built.code(), built::toString);
        assertTrue(built.err().contains("init: my-init"), built.err());
        assertTrue(built.err().contains("pass-through: runtime module of "), "the plugin's progress line: " + built.err());

        byte[] component = Files.readAllBytes(hello.resolve("build/hello.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        String out = jco.transpileAndRun(component, "hello_my_init", Map.of("log", "./host.js"), Map.of("host.js", HOST),
                "console.log('result: ' + component.greet('plugin'));\n");
        assertTrue(out.contains("host log: greeting plugin"), out);
        assertTrue(out.contains("result: Hello, plugin!"), out);
    }

    @Test
    void newPluginRejectsStagesItCannotScaffoldAndUsedFolders() throws IOException {
        Pipeline.Result bad = Pipeline.run(dir, "new-plugin", "x", "--stage", "splice");
        assertEquals(1, bad.code(), bad::toString);
        assertTrue(bad.err().contains("error: --stage splice: new-plugin scaffolds strategies of the stages init only"), bad.err());
        Pipeline.Result unknown = Pipeline.run(dir, "new-plugin", "x", "--stage", "inti");
        assertTrue(unknown.err().contains("error: --stage: `inti` is not a stage"), unknown.err());
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
