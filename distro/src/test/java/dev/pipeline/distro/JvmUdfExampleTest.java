package dev.pipeline.distro;

import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/jvm-udf as its README runs it, with fewer rows: the component is built, then the plain Java program
 * (ScoreRows.java, launched from source against the distribution's lib/) scores the rows, and the first 1,000
 * scores agree with the same formula written in Java.
 */
class JvmUdfExampleTest {
    @TempDir Path dir;

    @Test
    void aJavaProgramScoresRowsWithThePythonFunction() {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/jvm-udf"), dir.resolve("jvm-udf"));
        Pipeline.Result build = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, build.code(), build::toString);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = TestTools.runWithStderr(List.of(java, "-cp", Pipeline.home().resolve("lib") + "/*",
                p.resolve("ScoreRows.java").toString(), p.resolve("build/scoring.wasm").toString(), "2000"), p, 900);
        System.out.print(out);
        assertTrue(out.matches("(?s).*rows scored +2.000\\n.*"), out); // grouping separator of the default locale
        assertTrue(out.contains("first 1000 rows, 0 mismatches"), out);
        assertTrue(out.contains("per call"), out);
    }
}
