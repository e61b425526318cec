package dev.pipeline.distro;

import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A world that exports wasi:cli/run and imports a WASI interface, the shape of componentize-py's CLI apps; the WASI
 * WIT packages come from jco's npm package (wit/deps/), as a user would vendor them.
 */
class WasiRunTest extends ComponentTest {

    @Test
    void aCliRunExportCallsWasiImports() throws IOException {
        Path wasi = TestTools.nodeModules().resolve("@bytecodealliance/jco/lib/wit/builtin/0.2.12");
        Path p = dir.resolve("cmd");
        for (String pkg : List.of("cli", "io", "clocks", "filesystem", "random", "sockets")) {
            Files.createDirectories(p.resolve("wit/deps/" + pkg));
            Files.copy(wasi.resolve("wasi-" + pkg + "/package.wit"), p.resolve("wit/deps/" + pkg + "/package.wit"));
        }
        Files.writeString(p.resolve("wit/cmd.wit"), """
                package example:cmd;

                world cmd {
                  import wasi:cli/environment@0.2.12;
                  export wasi:cli/run@0.2.12;
                }
                """);
        Files.writeString(p.resolve("app.py"), """
                from wit_world import exports
                from wit_world.imports import environment


                class Run(exports.Run):
                    def run(self) -> None:
                        print("hello from run; arguments:", len(environment.get_arguments()))
                """);
        Files.writeString(p.resolve("recipe.toml"), "[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"cmd\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/cmd.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export wasi:cli/run@0.2.12;"), wit);
        assertTrue(wit.contains("import wasi:cli/environment@0.2.12;"), wit);
        String out = jco.transpileAndRun(component, "cmd", Map.of(), Map.of(), "component.run.run(); console.log('ran');\n");
        assertTrue(out.contains("hello from run; arguments: 1"), out);
        assertTrue(out.contains("ran"), out);
    }
}
