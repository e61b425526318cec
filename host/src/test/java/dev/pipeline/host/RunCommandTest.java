package dev.pipeline.host;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `pipeline run` end to end with a third-party plugin built from source during the test. */
class RunCommandTest {
    @TempDir static Path shared;
    static Path echoJar;
    static Path overrideJar;

    @TempDir Path dir;
    Path home;
    Path log;

    @BeforeAll
    static void buildPlugins() throws IOException {
        echoJar = PluginJarBuilder.build("testplugin/echo", "echo-plugin", "1.2.3", shared);
        overrideJar = PluginJarBuilder.build("testplugin/override", "override-plugin", "0.0.1", shared);
    }

    @BeforeEach
    void setUp() throws IOException {
        home = dir.resolve("home");
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(echoJar, home.resolve("plugins/echo-plugin.jar"));
        log = dir.resolve("ran.log");
        System.setProperty("pipeline.home", home.toString());
        System.setProperty("pipeline.cache", dir.resolve("cache").toString());
        System.setProperty("testplugin.log", log.toString());
        Path app = dir.resolve("proj");
        Files.createDirectories(app.resolve("wit"));
        Files.writeString(app.resolve("wit/hello.wit"), "package local:hello;\nworld hello { export greet: func(n: string) -> string; }\n");
        Files.writeString(app.resolve("app.py"), "class WitWorld:\n    def greet(self, n): return n\n");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("pipeline.home");
        System.clearProperty("pipeline.cache");
        System.clearProperty("testplugin.log");
    }

    private Path recipe(String pipelineTable, String extra) throws IOException {
        Path r = dir.resolve("proj/recipe.toml");
        Files.writeString(r, """
                [app]
                module = "app"
                wit = "wit"
                world = "hello"
                output = "build/hello.wasm"

                [pipeline]
                """ + pipelineTable + "\n" + extra);
        return r;
    }

    private static final String ALL_ECHO = """
            bindings = "echo"
            packaging = "echo"
            extensions = "echo"
            init = "echo"
            splice = "echo"
            """;

    private List<String> ran() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void runsStagesInOrderAndWritesTheComponent() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\ngreeting = \"hello\"\nlevel = 2\ninclude = [\"a\", \"b\"]\n");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(0, res.code(), res::toString);
        assertEquals(List.of("bindings:echo", "packaging:echo", "extensions:echo", "init:echo", "splice:echo"), ran());
        Path out = dir.resolve("proj/build/hello.wasm");
        byte[] bytes = Files.readAllBytes(out);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}, java.util.Arrays.copyOf(bytes, 8));
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("packaging hello 2 [a, b]"), text);
        assertAll(
                () -> assertTrue(res.err().contains("[1/6] bindings: echo"), res.err()),
                () -> assertTrue(res.err().contains("echo bindings for module app"), "injected Progress reached stderr: " + res.err()),
                () -> assertTrue(res.err().contains("[6/6] encode"), res.err()),
                () -> assertTrue(res.err().contains("wrote "), res.err()));
    }

    @Test
    void unchangedStagesComeFromTheCacheAndNoCacheForcesThem() throws IOException {
        Path r = recipe(ALL_ECHO, "");
        assertEquals(0, CliRunner.run("run", r.toString()).code());
        Files.delete(log);
        CliRunner.Result again = CliRunner.run("run", r.toString());
        assertEquals(0, again.code(), again::toString);
        assertEquals(List.of(), ran(), "nothing reran");
        assertTrue(again.err().contains("cached"), again.err());

        // editing the app reruns everything that depends on it
        Files.writeString(dir.resolve("proj/app.py"), "class WitWorld:\n    def greet(self, n): return n + '!'\n");
        assertEquals(0, CliRunner.run("run", r.toString()).code());
        assertEquals(5, ran().size());

        // a config change reruns that stage and the ones after it only
        Files.delete(log);
        recipe(ALL_ECHO, "[stages.packaging]\ngreeting = \"changed\"\n");
        assertEquals(0, CliRunner.run("run", r.toString()).code());
        assertEquals(List.of("packaging:echo", "extensions:echo", "init:echo", "splice:echo"), ran());

        Files.delete(log);
        assertEquals(0, CliRunner.run("run", "--no-cache", r.toString()).code());
        assertEquals(5, ran().size());
    }

    @Test
    void identicalInputsGiveByteIdenticalOutput() throws IOException {
        Path r = recipe(ALL_ECHO, "");
        assertEquals(0, CliRunner.run("run", "--no-cache", r.toString()).code());
        byte[] first = Files.readAllBytes(dir.resolve("proj/build/hello.wasm"));
        assertEquals(0, CliRunner.run("run", "--no-cache", r.toString()).code());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("proj/build/hello.wasm")));
    }

    @Test
    void aFailedStageLeavesNoOutputFileAndNoCacheEntry() throws IOException {
        Path r = recipe(ALL_ECHO.replace("init = \"echo\"", "init = \"fail\""), "");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(1, res.code(), res::toString);
        assertTrue(res.err().contains("stage `init` (fail from plugin echo-plugin) failed: boom from the test plugin"), res.err());
        assertFalse(res.err().contains("\tat "), "no stack trace without --verbose: " + res.err());
        assertFalse(Files.exists(dir.resolve("proj/build/hello.wasm")));
        try (var s = Files.walk(dir.resolve("cache"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("partial.bin")), "failed stage output removed");
        }
        CliRunner.Result verbose = CliRunner.run("run", "--verbose", r.toString());
        assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose");
    }

    @Test
    void aFailedRunKeepsThePreviousOutputIntact() throws IOException {
        Path r = recipe(ALL_ECHO, "");
        assertEquals(0, CliRunner.run("run", r.toString()).code());
        byte[] good = Files.readAllBytes(dir.resolve("proj/build/hello.wasm"));
        recipe(ALL_ECHO.replace("init = \"echo\"", "init = \"fail\""), "");
        assertEquals(1, CliRunner.run("run", r.toString()).code());
        assertArrayEquals(good, Files.readAllBytes(dir.resolve("proj/build/hello.wasm")));
        try (var s = Files.list(dir.resolve("proj/build"))) {
            assertEquals(1, s.count(), "no temporary files left beside the output");
        }
    }

    @Test
    void dryRunPrintsThePlanAndBuildsNothing() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\nlevel = 1\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertEquals(0, res.code(), res::toString);
        assertTrue(res.out().contains("bindings    echo           plugin echo-plugin 1.2.3, will run"), res.out());
        assertTrue(res.out().contains("level=1"), res.out());
        assertTrue(res.out().contains("encode"), res.out());
        assertEquals(List.of(), ran());
        assertFalse(Files.exists(dir.resolve("proj/build/hello.wasm")));
    }

    @Test
    void missingStrategyNamesStageAndAlternatives() throws IOException {
        Path r = recipe(ALL_ECHO.replace("splice = \"echo\"", "splice = \"ecko\""), "");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("recipe.toml:12:1: error: stage `splice`: strategy \"ecko\" is not installed; available: echo"), res.err());
        assertTrue(res.err().contains("did you mean `echo`?"), res.err());
    }

    @Test
    void defaultStrategyThatIsNotInstalledIsNamed() throws IOException {
        Path r = recipe("bindings = \"echo\"", "");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("stage `packaging`: strategy \"freeze\" (the default) is not installed; available: echo"), res.err());
    }

    @Test
    void stageConfigIsValidatedByItsStrategy() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\ngreting = \"x\"\n");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("recipe.toml:15:1: error: unknown key `greting` in [stages.packaging]"), res.err());
        assertTrue(res.err().contains("did you mean `greeting`?"), res.err());

        recipe(ALL_ECHO, "[stages.packaging]\nlevel = \"high\"\n");
        res = CliRunner.run("run", r.toString());
        assertTrue(res.err().contains("`level` in [stages.packaging] must be an integer, not a string"), res.err());

        recipe(ALL_ECHO, "[stages.packaging]\nlevel = 7\n");
        res = CliRunner.run("run", r.toString());
        assertTrue(res.err().contains("must be between 0 and 2, not 7"), res.err());

        recipe(ALL_ECHO, "[stages.extensions]\nanything = 1\n");
        res = CliRunner.run("run", r.toString());
        assertTrue(res.err().contains("unknown key `anything` in [stages.extensions]"), res.err());
        assertTrue(res.err().contains("[stages.extensions] takes no keys"), res.err());
    }

    @Test
    void aStageTableNamedAfterAStrategyMustBeUnambiguous() throws IOException {
        // every stage uses a strategy called "echo" here, so [stages.echo] cannot say which stage it configures
        Path r = recipe(ALL_ECHO, "[stages.echo]\ngreeting = \"x\"\n");
        CliRunner.Result res = CliRunner.run("run", r.toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("[stages.echo] is ambiguous"), res.err());
        assertTrue(res.err().contains("name the stage instead"), res.err());
    }

    @Test
    void aStageTableNamedAfterItsUniqueStrategyConfiguresThatStage() throws IOException {
        Path r = recipe(ALL_ECHO.replace("init = \"echo\"", "init = \"fail\""), "[stages.fail]\nx = 1\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("unknown key `x` in [stages.fail]"), res.err());
    }

    @Test
    void aPluginFromPluginsDirReplacesABundledStrategy() throws IOException {
        Path extra = dir.resolve("extra-plugins");
        Files.createDirectories(extra);
        Files.copy(overrideJar, extra.resolve("override-plugin.jar"));
        Path r = recipe(ALL_ECHO, "");
        CliRunner.Result res = CliRunner.run("run", "--plugins", extra.toString(), r.toString());
        assertEquals(0, res.code(), res::toString);
        assertEquals("bindings:override", ran().get(0));

        CliRunner.Result listing = CliRunner.run("plugins", "--plugins", extra.toString());
        assertTrue(listing.out().contains("overriding echo bindings"), listing.out());
        assertTrue(listing.out().contains("replaces echo-plugin"), listing.out());
    }

    @Test
    void verboseTraceStartsWithThePluginsFramesAndDoesNotAskForVerbose() throws IOException {
        Path r = recipe(ALL_ECHO.replace("init = \"echo\"", "init = \"fail\""), "");
        CliRunner.Result quiet = CliRunner.run("run", r.toString());
        assertEquals(1, quiet.code());
        assertTrue(quiet.err().contains("run with --verbose"), quiet.err());

        CliRunner.Result res = CliRunner.run("run", "--verbose", r.toString());
        assertEquals(1, res.code(), res::toString);
        String err = res.err();
        assertFalse(err.contains("run with --verbose"), err);
        int plugin = err.indexOf("in plugin echo-plugin:");
        assertTrue(plugin >= 0, err);
        String firstFrame = err.substring(plugin).lines().skip(1).findFirst().orElse("");
        assertTrue(firstFrame.contains("testplugin.echo.EchoStrategies$FailingInit.run"), err);
        assertTrue(err.indexOf("dev.pipeline.host") > plugin, "host frames come after the plugin's: " + err);
        assertTrue(err.contains("java.lang.IllegalStateException: boom from the test plugin"), err);
    }

    @Test
    void aConfigTableReportsAllItsErrorsAtOnce() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\ngreting = \"x\"\nlevel = 7\ninclude = \"a\"\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertEquals(1, res.code(), res::toString);
        assertAll(
                () -> assertTrue(res.err().contains("recipe.toml:15:1: error: unknown key `greting` in [stages.packaging]"), res.err()),
                () -> assertTrue(res.err().contains("did you mean `greeting`?"), res.err()),
                () -> assertTrue(res.err().contains("recipe.toml:16:1: error: `level` in [stages.packaging] must be between 0 and 2, not 7"), res.err()),
                () -> assertTrue(res.err().contains("recipe.toml:17:1: error: `include` in [stages.packaging] must be an array of strings"), res.err()));
    }

    @Test
    void pluginsShowsRangesAndAllowedValues() {
        CliRunner.Result listing = CliRunner.run("plugins");
        assertEquals(0, listing.code(), listing::toString);
        assertTrue(listing.out().contains("[stages.packaging] level (integer, 0..2, default 0): 0, 1 or 2"), listing.out());
        CliRunner.Result json = CliRunner.run("plugins", "--json");
        assertTrue(json.out().contains("\"min\": 0") || json.out().contains("\"min\":0"), json.out());
    }

    @Test
    void untilStopsAfterAStageAndStageOutputsCopiesTheFolders() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\nlevel = 1\n");
        Path outs = dir.resolve("outs");
        CliRunner.Result res = CliRunner.run("run", "--until", "packaging", "--stage-outputs", outs.toString(), r.toString());
        assertEquals(0, res.code(), res::toString);
        assertEquals(List.of("bindings:echo", "packaging:echo"), ran());
        assertFalse(Files.exists(dir.resolve("proj/build/hello.wasm")), "no component is written");
        assertEquals("bindings \npackaging hi 1 []\n", Files.readString(outs.resolve("packaging/packaging.txt")));
        assertTrue(Files.exists(outs.resolve("bindings/bindings.txt")));
        assertFalse(Files.exists(outs.resolve("bindings/.manifest")), "the cache's bookkeeping is left out");
        assertFalse(Files.exists(outs.resolve("extensions")));
        String app = Files.readString(outs.resolve("app.properties"));
        assertTrue(app.contains("module=app\n") && app.contains("stages=bindings,packaging\n") && app.contains("world=hello\n")
                && app.contains("target=wasip1\n"), app);
        java.util.Properties kit = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(outs.resolve("kit.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            kit.load(in);
        }
        assertTrue(Files.isRegularFile(Path.of(kit.getProperty("runtime")).resolve("runtime.wasm")), kit.toString());
        assertTrue(Files.isDirectory(Path.of(kit.getProperty("root"))), kit.toString());
    }

    @Test
    void everyStagesConfigProblemsAreReportedTogether() throws IOException {
        Path r = recipe(ALL_ECHO, "[stages.packaging]\nlevel = 9\n\n[stages.bindings]\nx = 1\n");
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertEquals(1, res.code(), res::toString);
        assertTrue(res.err().contains("unknown key `x` in [stages.bindings]"), res.err());
        assertTrue(res.err().contains("`level` in [stages.packaging] must be between 0 and 2, not 9"), res.err());
    }
}
