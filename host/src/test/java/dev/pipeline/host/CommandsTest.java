package dev.pipeline.host;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --help, --version, plugins (text and JSON) and new. */
class CommandsTest {
    @TempDir Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(PluginJarBuilder.build("testplugin/echo", "echo-plugin", "1.2.3", dir), home.resolve("plugins/echo.jar"));
        System.setProperty("pipeline.home", home.toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("pipeline.home");
    }

    @Test
    void helpAndVersion() {
        CliRunner.Result help = CliRunner.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: pipeline"), help.out());
        assertTrue(help.out().contains("run") && help.out().contains("plugins") && help.out().contains("new"), help.out());
        CliRunner.Result runHelp = CliRunner.run("run", "--help");
        assertTrue(runHelp.out().contains("--dry-run") && runHelp.out().contains("--no-cache") && runHelp.out().contains("--plugins"),
                runHelp.out());
        CliRunner.Result version = CliRunner.run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("pipeline "), version.out());
        CliRunner.Result bad = CliRunner.run("frobnicate");
        assertEquals(2, bad.code());
    }

    @Test
    void pluginsListsStrategiesByStage() {
        CliRunner.Result res = CliRunner.run("plugins");
        assertEquals(0, res.code(), res::toString);
        assertTrue(res.out().contains("echo-plugin          1.2.3"), res.out());
        assertTrue(res.out().contains("echo strategy for packaging"), res.out());
        assertTrue(res.out().contains("[stages.packaging] level (integer, 0..2, default 0)"), res.out());
    }

    @Test
    void pluginsJson() {
        CliRunner.Result res = CliRunner.run("plugins", "--json");
        assertEquals(0, res.code(), res::toString);
        String json = res.out();
        assertTrue(json.trim().startsWith("{") && json.trim().endsWith("}"), json);
        assertTrue(json.contains("\"id\": \"echo-plugin\""), json);
        assertTrue(json.contains("\"stage\": \"init\""), json);
        assertTrue(json.contains("\"name\": \"fail\""), json);
    }

    @Test
    void newScaffoldsAProject() throws IOException {
        Path p = dir.resolve("hello-app");
        CliRunner.Result res = CliRunner.run("new", p.toString());
        assertEquals(0, res.code(), res::toString);
        assertTrue(Files.readString(p.resolve("recipe.toml")).contains("world = \"hello-app\""));
        assertTrue(Files.readString(p.resolve("wit/hello-app.wit")).contains("world hello-app"));
        assertTrue(Files.readString(p.resolve("app.py")).contains("class WitWorld(wit_world.WitWorld)"));
        CliRunner.Result again = CliRunner.run("new", p.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        CliRunner.Result badName = CliRunner.run("new", dir.resolve("Bad_Name").toString());
        assertTrue(badName.err().contains("not a valid WIT world name"), badName.err());
    }
}
