package dev.pipeline.host;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad recipes give one clear message with file:line:col, exit code 1 and no stack trace. */
class RecipeErrorsTest {
    @TempDir Path dir;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty("pipeline.home", dir.resolve("home").toString());
        System.setProperty("pipeline.cache", dir.resolve("cache").toString());
        Files.createDirectories(dir.resolve("wit"));
        Files.writeString(dir.resolve("wit/w.wit"), "package a:b;\nworld w {}\n");
        Files.writeString(dir.resolve("app.py"), "");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("pipeline.home");
        System.clearProperty("pipeline.cache");
    }

    private CliRunner.Result runRecipe(String text) throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, text);
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        assertFalse(res.err().contains("\tat "), "no stack trace: " + res.err());
        assertFalse(res.err().contains("Exception"), "no exception class names: " + res.err());
        return res;
    }

    private static final String GOOD_APP = "[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"w\"\n";

    @Test
    void missingRecipe() {
        CliRunner.Result res = CliRunner.run("run", dir.resolve("nope.toml").toString());
        assertEquals(1, res.code());
        assertTrue(res.err().contains("nope.toml: error: recipe not found"), res.err());
        assertTrue(res.err().contains("hint:"), res.err());
    }

    @Test
    void unknownTargetNamesTheChoices() throws IOException {
        CliRunner.Result res = runRecipe(GOOD_APP + "target = \"wasip3\"\n");
        assertEquals(1, res.code());
        assertTrue(res.err().contains("recipe.toml:5:1: error: unknown target \"wasip3\""), res.err());
        assertTrue(res.err().contains("\"wasip2\" (sockets and asyncio through wasi:sockets)"), res.err());
    }

    @Test
    void stubWasiIsNotForTheWasip2Target() throws IOException {
        CliRunner.Result res = runRecipe(GOOD_APP + "target = \"wasip2\"\nstub-wasi = true\n");
        assertEquals(1, res.code());
        assertTrue(res.err().contains("error: stub-wasi cannot be used with target = \"wasip2\""), res.err());
    }

    @Test
    void tomlSyntaxErrorHasLineAndColumnAndCaret() throws IOException {
        CliRunner.Result res = runRecipe("[app]\nmodule = \"app\"\nwit = = \"wit\"\n");
        assertEquals(1, res.code());
        assertTrue(res.err().contains("recipe.toml:3:7: error: TOML syntax error"), res.err());
        assertTrue(res.err().contains("    3 | wit = = \"wit\""), res.err());
        assertTrue(res.err().contains("^"), res.err());
    }

    @Test
    void quotedKeysWithAnyCharacterAreUnknownKeysNotInternalErrors() throws IOException {
        CliRunner.Result res = runRecipe(GOOD_APP + "\"/dev/zero\" = \"x\"\n");
        assertEquals(1, res.code(), res.err());
        assertTrue(res.err().contains("recipe.toml:5:1: error: unknown key `/dev/zero` in [app]"), res.err());
        res = runRecipe("\"a.b\" = 1\n" + GOOD_APP);
        assertEquals(1, res.code(), res.err());
        assertTrue(res.err().contains("unknown table or key `a.b`"), res.err());
        res = runRecipe(GOOD_APP + "[stages.\"x/y\"]\nk = 1\n");
        assertEquals(1, res.code(), res.err());
        assertTrue(res.err().contains("unknown key `x/y` in [stages]"), res.err());
    }

    @Test
    void unknownKeySuggestsTheClosest() throws IOException {
        CliRunner.Result res = runRecipe(GOOD_APP + "modul = \"x\"\n");
        assertEquals(1, res.code());
        assertTrue(res.err().contains("recipe.toml:5:1: error: unknown key `modul` in [app]"), res.err());
        assertTrue(res.err().contains("did you mean `module`?"), res.err());

        res = runRecipe(GOOD_APP + "[pipline]\nbindings = \"static\"\n");
        assertTrue(res.err().contains("unknown table or key `pipline`"), res.err());
        assertTrue(res.err().contains("did you mean `pipeline`?"), res.err());

        res = runRecipe(GOOD_APP + "[pipeline]\nbinding = \"static\"\n");
        assertTrue(res.err().contains("recipe.toml:6:1: error: unknown key `binding` in [pipeline]"), res.err());
        assertTrue(res.err().contains("did you mean `bindings`?"), res.err());

        res = runRecipe(GOOD_APP + "[stages.frezee]\ninclude = []\n");
        assertTrue(res.err().contains("unknown key `frezee` in [stages]"), res.err());
    }

    @Test
    void wrongTypes() throws IOException {
        CliRunner.Result res = runRecipe("[app]\nmodule = 3\nwit = \"wit\"\n");
        assertTrue(res.err().contains("recipe.toml:2:1: error: `module` in [app] must be a string, not an integer"), res.err());
        res = runRecipe(GOOD_APP + "python-path = \"src\"\n");
        assertTrue(res.err().contains("python-path entry \"src\" is not a folder"), res.err());
        res = runRecipe(GOOD_APP + "python-path = [1]\n");
        assertTrue(res.err().contains("`python-path` in [app] must be an array of strings"), res.err());
        res = runRecipe(GOOD_APP + "[pipeline]\ninit = false\n");
        assertTrue(res.err().contains("`init` in [pipeline] must be a string naming a strategy, not a boolean"), res.err());
        res = runRecipe(GOOD_APP + "[stages]\nfreeze = 1\n");
        assertTrue(res.err().contains("`freeze` in [stages] must be a table"), res.err());
    }

    @Test
    void missingFilesAndKeys() throws IOException {
        CliRunner.Result res = runRecipe("[app]\nmodule = \"app\"\nwit = \"nowhere\"\n");
        assertTrue(res.err().contains("recipe.toml:3:1: error: WIT path \"nowhere\" does not exist"), res.err());
        assertTrue(res.err().contains("relative to the recipe's folder"), res.err());
        res = runRecipe("[app]\nmodule = \"missing_mod\"\nwit = \"wit\"\n");
        assertTrue(res.err().contains("module `missing_mod` not found in python-path"), res.err());
        res = runRecipe("[app]\nwit = \"wit\"\n");
        assertTrue(res.err().contains("[app] is missing `module`"), res.err());
        res = runRecipe("[pipeline]\n");
        assertTrue(res.err().contains("the recipe has no [app] table"), res.err());
        res = runRecipe("[app]\nmodule = \"app-x\"\nwit = \"wit\"\n");
        assertTrue(res.err().contains("`module` must be a Python module name"), res.err());
    }

    @Test
    void pathsAreRelativeToTheRecipeFolderNotTheWorkingDirectory() throws IOException {
        Path r = dir.resolve("recipe.toml");
        Files.writeString(r, GOOD_APP);
        CliRunner.Result res = CliRunner.run("run", "--dry-run", r.toString());
        // no plugins are installed in this home: the plan fails on the first stage, after the recipe was accepted
        assertTrue(res.err().contains("stage `bindings`: strategy \"static\" (the default) is not installed; none is installed"), res.err());
    }
}
