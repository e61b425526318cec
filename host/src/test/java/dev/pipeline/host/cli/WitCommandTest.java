package dev.pipeline.host.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code pipeline wit}: prints worlds as WIT or JSON, and reports WIT errors with position and caret. */
class WitCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String text) throws Exception {
        Path file = tmp.resolve("hello.wit");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void printsTheOnlyWorld() throws Exception {
        Path wit = write("package demo:hello;\ninterface greet { greet: func(name: string) -> string; }\n"
                + "world hello { export greet; }\n");
        Result r = run("wit", wit.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("package demo:hello;"), r.out());
        assertTrue(r.out().contains("world hello {\n  export greet;\n}"), r.out());
    }

    @Test
    void printsJsonAndSelectsFeatures() throws Exception {
        Path wit = write("package demo:hello@1.0.0;\nworld w {\n  @unstable(feature = shiny)\n  import shine: func();\n"
                + "  export run: func();\n}\n");
        Result plain = run("wit", wit.toString(), "--json");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("\"run\""));
        assertFalse(plain.out().contains("\"shine\""));
        Result shiny = run("wit", wit.toString(), "--world", "w", "--features", "shiny", "--json");
        assertTrue(shiny.out().contains("\"shine\""), shiny.out());
        assertTrue(run("wit", wit.toString(), "--all-features").out().contains("@unstable(feature = shiny)"));
    }

    @Test
    void errorsNamePositionAndSuggest() throws Exception {
        Path wit = write("package demo:hello;\nworld hello { import f: func(x: strng); }\n");
        Result r = run("wit", wit.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(wit + ":2:33: error: type `strng` does not exist"), r.err());
        assertTrue(r.err().contains("^"), r.err());
        assertTrue(r.err().contains("did you mean `string`?"), r.err());
        Result missing = run("wit", wit.getParent().toString() + "/nope.wit");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such WIT file or folder"), missing.err());
    }

    @Test
    void unknownWorldListsTheWorlds() throws Exception {
        Path wit = write("package demo:hello;\nworld alpha {}\nworld beta {}\n");
        Result r = run("wit", wit.toString(), "--world", "gamma");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no world named `gamma`"), r.err());
        assertTrue(r.err().contains("available worlds: alpha, beta"), r.err());
    }
}
