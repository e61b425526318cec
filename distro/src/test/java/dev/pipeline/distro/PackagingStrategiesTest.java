package dev.pipeline.distro;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** packaging = "freeze" (bytecode) and "source" (.py as is): both run; only source shows source lines in tracebacks. */
class PackagingStrategiesTest extends ComponentTest {

    private static final String APP = """
            import wit_world


            class WitWorld(wit_world.WitWorld):
                def greet(self, name: str) -> str:
                    if name == "boom":
                        raise ValueError("the app failed on purpose")
                    return f"Hello, {name}!"
            """;

    @ParameterizedTest
    @CsvSource({"freeze,chicory", "source,chicory", "source,none"})
    void bothStrategiesRunAndReportErrors(String packaging, String init) throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve(packaging + "-" + init));
        Files.writeString(p.resolve("app.py"), APP);
        Files.writeString(p.resolve("recipe.toml"), Files.readString(p.resolve("recipe.toml"))
                + "\n[pipeline]\npackaging = \"" + packaging + "\"\ninit = \"" + init + "\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/hello.wasm"));
        String out = jco.transpileAndRun(component, "pk_" + packaging + "_" + init, Map.of("log", "./host.js"),
                Map.of("host.js", "export default function log(m) {}\n"), """
                console.log('result: ' + component.greet('world'));
                try { component.greet('boom'); console.log('no trap'); } catch (e) { console.log('trapped'); }
                """, true);
        assertTrue(out.contains("result: Hello, world!"), out);
        assertTrue(out.contains("trapped"), out);
        assertTrue(out.contains("ValueError: the app failed on purpose"), out);
        assertTrue(out.contains("/app/app.py\", line 7, in greet"), out);
        boolean sourceLine = out.contains("raise ValueError(\"the app failed on purpose\")");
        if (packaging.equals("source")) assertTrue(sourceLine, "source lines in the traceback:\n" + out);
        else assertFalse(sourceLine, "bytecode carries no source:\n" + out);
    }
}
