package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.config.ConfigValue;
import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleSpecTest {
    @TempDir Path dir;

    private static SourcePosition at(int line) {
        return SourcePosition.of("recipe.toml", line, 11);
    }

    /** [stages.extensions] with one [[stages.extensions.module]] table, validated by the strategy's schema. */
    private static List<ConfigTable> tables(Map<String, Object> module) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        int line = 10;
        for (Map.Entry<String, Object> e : module.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> l) v = l.stream().map(x -> new ConfigValue(x, at(0))).toList();
            entries.put(e.getKey(), new ConfigValue(v, at(line++)));
        }
        RawTable item = new RawTable("", at(9), entries);
        RawTable stage = new RawTable("stages.extensions", at(8),
                Map.of("module", new ConfigValue(List.of(new ConfigValue(item, at(9))), at(9))));
        ConfigTable t = new LinkedExtensionsStrategy(null, null, null).configSchema().validate(stage);
        return t.tables("module");
    }

    @Test
    void readsAModuleTable() throws IOException {
        Files.createDirectories(dir.resolve("ext"));
        Files.writeString(dir.resolve("ext/a.c"), "");
        List<ModuleSpec> specs = ModuleSpec.parse(tables(Map.of("name", "pkg._a", "sources", List.of("ext/a.c"),
                "include-dirs", List.of("ext"), "defines", List.of("X=1"))), dir);
        assertEquals(1, specs.size());
        assertEquals("pkg._a", specs.get(0).name());
        assertEquals("PyInit__a", specs.get(0).initFunction());
        assertEquals(List.of(dir.resolve("ext/a.c")), specs.get(0).sources());
        assertEquals(List.of("X=1"), specs.get(0).defines());
    }

    @Test
    void aMissingSourceNamesTheRecipeKey() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "pkg._a");
        m.put("sources", List.of("ext/missing.c"));
        PipelineException e = assertThrows(PipelineException.class, () -> ModuleSpec.parse(tables(m), dir));
        assertTrue(e.getMessage().contains("`sources` of extension module `pkg._a`: no file"), e.getMessage());
        assertEquals(11, e.diagnostic().position().line(), "the position of `sources` in the recipe");
    }

    @Test
    void badNamesAndEmptyModulesAreErrors() throws IOException {
        Files.writeString(dir.resolve("a.c"), "");
        PipelineException e = assertThrows(PipelineException.class,
                () -> ModuleSpec.parse(tables(Map.of("name", "pkg-x", "sources", List.of("a.c"))), dir));
        assertTrue(e.getMessage().contains("not a dotted module name"), e.getMessage());
        e = assertThrows(PipelineException.class, () -> ModuleSpec.parse(tables(Map.of("name", "pkg.x")), dir));
        assertTrue(e.getMessage().contains("has no `sources` and no `objects`"), e.getMessage());
        e = assertThrows(PipelineException.class, () -> ModuleSpec.parse(tables(Map.of("sources", List.of("a.c"))), dir));
        assertTrue(e.getMessage().contains("needs `name`"), e.getMessage());
        e = assertThrows(PipelineException.class, () -> tables(Map.of("name", "x", "source", List.of("a.c"))));
        assertTrue(e.getMessage().contains("unknown key `source`"), e.getMessage());
    }
}
