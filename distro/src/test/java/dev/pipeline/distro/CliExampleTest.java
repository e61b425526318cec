package dev.pipeline.distro;

import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/cli as it ships, run in node: argparse (which translates its messages through gettext, whose lookup imports
 * locale inside a function), json, re, statistics and textwrap at run time.
 */
class CliExampleTest {
    @TempDir Path dir;

    @Test
    void theCliExampleRunsItsArgumentsThroughArgparse() throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/cli"), dir.resolve("cli"));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/cli.wasm"));
        try (JcoOracle jco = new JcoOracle()) {
            String out = jco.transpileAndRun(component, "cli", Map.of(), Map.of(), """
                    console.log('exit', component.run(['[1, 2, 3, 10]']));
                    console.log('exit', component.run(['--width', '12', '[4, 5]']));
                    console.log('exit', component.run(['--width', 'wide', '[1]']));
                    """, true);
            assertTrue(out.contains("count=4 mean=4.000 median=2.500\nexit 0"), out);
            assertTrue(out.contains("count=2\nmean=4.500\nmedian=4.500\nexit 0"), out);
            assertTrue(out.contains("exit 2"), "argparse rejects a bad --width with exit code 2: " + out);
            assertTrue(out.contains("argument --width: invalid int value: 'wide'"), out);
        }
    }
}
