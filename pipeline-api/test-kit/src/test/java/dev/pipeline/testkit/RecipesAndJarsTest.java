package dev.pipeline.testkit;

import dev.pipeline.api.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the kit that need no distribution: recipe edits and plugin jars. */
class RecipesAndJarsTest {
    @TempDir Path dir;

    @Test
    void chooseReplacesTheStagesLineAndAppendsItsTable() throws IOException {
        Path recipe = dir.resolve("recipe.toml");
        Files.writeString(recipe, "[app]\nmodule = \"app\"\n\n[pipeline]\ninit = \"chicory\"\nsplice = \"in-place\"\n");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("level", 2);
        config.put("label", "a \"b\"");
        config.put("notes", List.of("x", "y"));
        Recipes.choose(recipe, Stage.INIT, "my-init", config);
        assertEquals("""
                [app]
                module = "app"

                [pipeline]
                init = "my-init"
                splice = "in-place"

                [stages.init]
                level = 2
                label = "a \\"b\\""
                notes = ["x", "y"]
                """, Files.readString(recipe));
    }

    @Test
    void chooseAddsAPipelineTableWhenThereIsNone() throws IOException {
        Path recipe = dir.resolve("recipe.toml");
        Files.writeString(recipe, "[app]\nmodule = \"app\"\n");
        Recipes.choose(recipe, Stage.PACKAGING, "zip", Map.of());
        assertEquals("[app]\nmodule = \"app\"\n\n[pipeline]\npackaging = \"zip\"\n", Files.readString(recipe));
    }

    @Test
    void packWritesTheManifestAndTheSameBytesEachTime() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve(PluginJar.EXTENSION_INDEX), "a.B\n");
        Files.writeString(classes.resolve("B.class"), "not really a class");
        Path one = PluginJar.pack(classes, "my-plugin", "1.2.3", dir.resolve("one/my-plugin.jar"));
        Path two = PluginJar.pack(classes, "my-plugin", "1.2.3", dir.resolve("two/my-plugin.jar"));
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        try (JarFile jar = new JarFile(one.toFile())) {
            assertEquals("my-plugin", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals("1.2.3", jar.getManifest().getMainAttributes().getValue("Plugin-Version"));
            assertTrue(jar.getEntry(PluginJar.EXTENSION_INDEX) != null);
            assertEquals(null, jar.getManifest().getMainAttributes().getValue("Plugin-Dependencies"));
        }
        Path dependent = PluginJar.pack(classes, "my-plugin", "1.2.3", "freeze, splicer", dir.resolve("three/my-plugin.jar"));
        try (JarFile jar = new JarFile(dependent.toFile())) {
            assertEquals("freeze, splicer", jar.getManifest().getMainAttributes().getValue("Plugin-Dependencies"));
        }
    }

    @Test
    void packWithoutAnExtensionIndexSaysWhatIsMissing() {
        AssertionError e = assertThrows(AssertionError.class, () -> PluginJar.pack(dir, "x", "1", dir.resolve("x.jar")));
        assertTrue(e.getMessage().contains("has no META-INF/extensions.idx: compile with PF4J's annotation processor"), e.getMessage());
    }

    @Test
    void aMissingDistributionIsNamed() {
        AssertionError e = assertThrows(AssertionError.class, () -> Distribution.at(dir));
        assertTrue(e.getMessage().contains("is not a pipeline distribution (it has no bin/pipeline)"), e.getMessage());
    }
}
