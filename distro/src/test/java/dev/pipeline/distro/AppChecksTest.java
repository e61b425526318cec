package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app that does not match its world, or exits while imported, fails the build with a clear message. */
class AppChecksTest extends ComponentTest {

    private static final String WIT = """
            package local:checks;

            interface api {
              hello: func() -> string;
            }

            world checks {
              export api;
              export greet: func(name: string) -> string;
            }
            """;

    private static final String API = """


            from wit_world import exports


            class Api(exports.Api):
                def hello(self) -> str:
                    return "hi"
            """;

    private Pipeline.Result run(String app, String init) throws IOException {
        Path p = Files.createDirectories(dir.resolve("checks/wit"));
        Files.writeString(p.resolve("checks.wit"), WIT);
        Files.writeString(dir.resolve("checks/recipe.toml"), "[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"checks\"\n"
                + "[pipeline]\ninit = \"" + init + "\"\n");
        Files.writeString(dir.resolve("checks/app.py"), app);
        return Pipeline.run(dir.resolve("checks"), "run", "recipe.toml");
    }

    /** Builds an app (with pre-initialisation) and returns the result, which must be a failure without Java names. */
    private Pipeline.Result build(String app) throws IOException {
        Pipeline.Result r = run(app, "chicory");
        assertEquals(1, r.code(), r::toString);
        assertFalse(r.err().contains("dylibso") || r.err().contains("chicory.") || r.err().contains("Exception:")
                || r.err().contains("internal error"), "no Java class names: " + r);
        assertFalse(Files.exists(dir.resolve("checks/build/checks.wasm")), "no output");
        return r;
    }

    private String at(int line) {
        return dir.resolve("checks/app.py") + ":" + line + ":1: error: the app does not match its world: ";
    }

    @Test
    void aMissingExportMethodIsNamed() throws IOException {
        Pipeline.Result r = build("""
                import wit_world


                class WitWorld(wit_world.WitWorld):
                    def greeet(self, name: str) -> str:
                        return name
                """ + API);
        assertTrue(r.err().contains(at(4) + "class WitWorld has no method `greet` for the export `greet`, which passes "
                + "1 argument (name)"), r::toString);
        assertTrue(r.err().contains("4 | class WitWorld(wit_world.WitWorld):"), r::toString);

        // without the protocol as base class: found when the export is looked up
        r = build("""
                import wit_world


                class WitWorld:
                    def greeet(self, name: str) -> str:
                        return name
                """ + API);
        assertTrue(r.err().contains(at(4) + "class WitWorld has no method `greet` for the export `greet`"), r::toString);
    }

    @Test
    void aMethodThatIsNotCallableIsNamed() throws IOException {
        Pipeline.Result r = build("""
                import wit_world


                class WitWorld:
                    greet = "Hello"
                """ + API);
        assertTrue(r.err().contains("WitWorld.greet is not callable (it is a str); the export `greet` calls it with "
                + "1 argument (name)"), r::toString);
    }

    @Test
    void aWrongNumberOfParametersIsNamed() throws IOException {
        Pipeline.Result r = build("""
                import wit_world


                class WitWorld(wit_world.WitWorld):
                    def greet(self, name: str, greeting: str) -> str:
                        return greeting + name
                """ + API);
        assertTrue(r.err().contains(at(5) + "WitWorld.greet takes 2 arguments (name, greeting), but the export `greet` "
                + "passes 1 argument (name)"), r::toString);
        assertTrue(r.err().contains("5 |     def greet(self, name: str, greeting: str) -> str:"), r::toString);

        r = build("""
                import wit_world


                from wit_world import exports


                class WitWorld(wit_world.WitWorld):
                    def greet(self, name: str) -> str:
                        return name


                class Api(exports.Api):
                    def hello(self, loud: bool) -> str:
                        return "HI" if loud else "hi"
                """);
        assertTrue(r.err().contains(at(13) + "Api.hello takes 1 argument (loud), but the export `hello` passes no arguments"),
                r::toString);
    }

    @Test
    void aClassDerivingFromAnotherProtocolIsNamed() throws IOException {
        Pipeline.Result r = build("""
                import wit_world
                from wit_world import exports


                class WitWorld(exports.Api):
                    def greet(self, name: str) -> str:
                        return name

                    def hello(self) -> str:
                        return "hi"
                """ + API);
        assertTrue(r.err().contains(at(5) + "class WitWorld derives from the generated protocol wit_world.exports"), r::toString);
        assertTrue(r.err().contains(".Api, not from WitWorld, the protocol of what it exports (`greet`)"), r::toString);
    }

    @Test
    void sysExitAtModuleLevelSaysSoWithItsTraceback() throws IOException {
        Pipeline.Result r = build("""
                import sys
                import wit_world


                def configure():
                    sys.exit(3)


                configure()
                """ + API);
        assertTrue(r.err().contains("error: the app exited with status 3 at build time, while its module was imported:"), r::toString);
        assertTrue(r.err().contains("Traceback (most recent call last):"), r::toString);
        assertTrue(r.err().contains("line 6, in configure"), r::toString);
        assertTrue(r.err().contains("SystemExit: 3"), r::toString);
        assertTrue(r.err().contains("hint: module-level code runs at build time"), r::toString);
        assertFalse(r.err().contains("calls to the world's imports"), "no unrelated hint: " + r);
    }

    @Test
    void withoutPreinitialisationTheChecksRunWhenTheComponentStarts() throws IOException {
        Pipeline.Result r = run("""
                import wit_world


                class WitWorld:
                    def greeet(self, name: str) -> str:
                        return name
                """ + API, "none");
        assertEquals(0, r.code(), "nothing of the app runs at build time: " + r);
        String out = jco.transpileAndRun(Files.readAllBytes(dir.resolve("checks/build/checks.wasm")), "checks_none", Map.of(), Map.of(), """
                try { component.greet('x'); console.log('no trap'); } catch (e) { console.log('trapped'); }
                """, true);
        assertTrue(out.contains("trapped"), out);
        assertTrue(out.contains("pipeline runtime: the app does not match its world: /app/app.py:4: class WitWorld has no "
                + "method `greet` for the export `greet`, which passes 1 argument (name)"), out);
    }
}
