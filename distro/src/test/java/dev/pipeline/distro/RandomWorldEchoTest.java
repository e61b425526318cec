package dev.pipeline.distro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random worlds built by bin/pipeline and called from node with random values, which must all come back equal.
 * The suite runs a few worlds; bench/fuzz.sh runs many ({@code -Decho.worlds=N -Decho.rounds=R -Decho.seed=S}) and
 * reads the ECHO-TOTAL line this prints; {@code -Decho.init=none} builds every world without pre-initialisation
 * (faster; the default alternates chicory and none).
 */
class RandomWorldEchoTest extends ComponentTest {
    private static final Pattern ECHO = Pattern.compile("ECHO values=(\\d+) ok=(\\d+) wrong=(\\d+) trapped=(\\d+)");

    @Test
    void randomWorldsEchoRandomValues() throws IOException {
        int worlds = Integer.getInteger("echo.worlds", 2);
        int rounds = Integer.getInteger("echo.rounds", 10);
        long seed = Long.getLong("echo.seed", 11L);
        String driver = Files.readString(Path.of("src/test/resources/echo/echo.mjs"));
        Random random = new Random(seed);
        long values = 0, ok = 0, wrong = 0, trapped = 0;
        int buildFailures = 0;
        List<String> findings = new ArrayList<>();
        for (int w = 0; w < worlds; w++) {
            RandomWorld world = RandomWorld.generate(random);
            String init = System.getProperty("echo.init", w % 2 == 0 ? "chicory" : "none");
            Path p = Files.createDirectories(dir.resolve("echo-" + w + "/wit"));
            Files.writeString(p.resolve("echo.wit"), world.wit);
            Path project = p.getParent();
            Files.writeString(project.resolve("app.py"), world.app);
            Files.writeString(project.resolve("recipe.toml"), "[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"echo\"\n"
                    + "output = \"build/echo.wasm\"\n\n[pipeline]\ninit = \"" + init + "\"\n");
            Pipeline.Result r = Pipeline.run(project, "run", "recipe.toml");
            if (r.code() != 0) {
                buildFailures++;
                findings.add("world " + w + " did not build:\n" + world.wit + "\n" + r);
                continue;
            }
            byte[] component = Files.readAllBytes(project.resolve("build/echo.wasm"));
            String out = jco.transpileAndRun(component, "echo" + w, Map.of(), Map.of(),
                    "const SEED = " + random.nextInt() + ", COUNT = " + rounds + ", TYPES = " + world.typesJson + ";\n" + driver, true);
            Matcher m = ECHO.matcher(out);
            if (!m.find()) {
                findings.add("world " + w + " (init " + init + ") did not run:\n" + world.wit + "\n" + out);
                trapped++;
                continue;
            }
            values += Long.parseLong(m.group(1));
            ok += Long.parseLong(m.group(2));
            long bad = Long.parseLong(m.group(3)) + Long.parseLong(m.group(4));
            wrong += Long.parseLong(m.group(3));
            trapped += Long.parseLong(m.group(4));
            if (bad > 0) findings.add("world " + w + " (init " + init + "):\n" + world.wit + "\n" + out);
            Files.deleteIfExists(project.resolve("build/echo.wasm"));
        }
        System.out.printf("ECHO-TOTAL worlds=%d build-failures=%d values=%d ok=%d wrong=%d trapped=%d%n",
                worlds, buildFailures, values, ok, wrong, trapped);
        findings.stream().limit(5).forEach(System.out::println);
        assertEquals(List.of(), findings);
        assertTrue(values >= (long) worlds * rounds * 2, "every world was called: " + values);
    }
}
