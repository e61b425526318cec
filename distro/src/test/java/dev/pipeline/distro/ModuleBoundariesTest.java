package dev.pipeline.distro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency directions of the source tree, checked on every build: plugins never use the host, the toolkits
 * never use what is built on them, the core wasm toolkit knows nothing of components, and the plugin API is
 * self-contained. Maven's module graph already refuses most of these; this also catches a dependency added to a
 * pom by mistake and fully-qualified names that dodge imports.
 */
class ModuleBoundariesTest {
    /** One rule: Java files under {@code folder} (main sources) must not reference packages matching {@code forbidden}. */
    record Rule(String folder, String forbidden, String why) {}

    static final List<Rule> RULES = List.of(
            new Rule("plugins", "dev\\.pipeline\\.host\\b.*", "plugins compile against the plugin API and toolkits, never the host"),
            new Rule("pipeline-api", "dev\\.pipeline\\.(host|jvmhost|plugins)\\b.*", "the API and toolkits sit below everything else"),
            new Rule("jvm-host", "dev\\.pipeline\\.(host|plugins)\\b.*", "the JVM host is a library the CLI uses, not the other way round"),
            new Rule("pipeline-api/wasm", "dev\\.pipeline\\.api\\.(component|world|wit|abi|descriptor)\\b.*", "core wasm knows nothing of components or WIT"),
            new Rule("pipeline-api/wit", "dev\\.pipeline\\.api\\.(component|world|wasm|descriptor|python|image)\\b.*", "WIT is below wasm components"),
            new Rule("pipeline-api/plugin-api", "dev\\.pipeline\\.api\\.(?!(stage|config|diag|files|json|contract)\\b).*",
                    "the plugin API depends on nothing but itself"));

    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.pipeline(?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    /** Every violation of {@code rules} under {@code root}, as {@code file:line: reference (why)}. */
    static List<String> violations(Path root, List<Rule> rules) {
        List<String> out = new ArrayList<>();
        for (Rule rule : rules) {
            Path folder = root.resolve(rule.folder());
            if (!Files.isDirectory(folder)) continue;
            Pattern forbidden = Pattern.compile(rule.forbidden());
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (line.startsWith("package ")) continue;
                        Matcher m = REFERENCE.matcher(line);
                        while (m.find()) {
                            if (forbidden.matcher(m.group(1)).matches()) {
                                out.add(root.relativize(f) + ":" + (i + 1) + ": " + m.group(1) + " (" + rule.why() + ")");
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Test
    void theSourceTreeKeepsItsDependencyDirections() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isDirectory(root.resolve("plugins")), "run from distro/: " + root);
        List<String> found = violations(root, RULES);
        assertEquals(List.of(), found, "wrong-way dependencies:\n" + String.join("\n", found));
    }

    @Test
    void noPluginPomDependsOnTheHost() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> poms = Files.walk(root.resolve("plugins"), 2)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                String text = Files.readString(pom);
                assertTrue(!text.contains("<artifactId>host</artifactId>"), pom + " depends on the host module");
            }
        }
    }

    @Test
    void aPluginThatImportsTheHostIsCaught(@TempDir Path root) throws IOException {
        Path src = root.resolve("plugins/rogue/src/main/java/x/Rogue.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package x;\n\nimport dev.pipeline.api.stage.Stage;\nimport dev.pipeline.host.cache.StageCache;\n\n"
                + "class Rogue { Object o = dev.pipeline.host.kit.KitLocator.class; }\n");
        Path wasm = root.resolve("pipeline-api/wasm/src/main/java/y/W.java");
        Files.createDirectories(wasm.getParent());
        Files.writeString(wasm, "package y;\nimport dev.pipeline.api.component.ComponentWit;\n");
        List<String> found = violations(root, RULES);
        assertEquals(3, found.size(), String.join("\n", found));
        assertTrue(found.get(0).startsWith("plugins/rogue/src/main/java/x/Rogue.java:4: dev.pipeline.host.cache.StageCache"), found.get(0));
        assertTrue(found.get(1).startsWith("plugins/rogue/src/main/java/x/Rogue.java:6: dev.pipeline.host.kit.KitLocator"), found.get(1));
        assertTrue(found.get(2).contains("pipeline-api/wasm/src/main/java/y/W.java:2: dev.pipeline.api.component.ComponentWit"), found.get(2));
    }
}
