package dev.pipeline.plugins.extensions;

import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.json.JsonReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Extension modules found without a table: a {@code <stem>.c} file in the folder of a package the import DAG
 * reaches (on the python-path) that defines {@code PyInit_<stem>} is the module {@code <package>.<stem>},
 * compiled alone with no extra flags.
 */
final class SingleFileModules {
    private SingleFileModules() {}

    /** The modules found, leaving out those a table names. */
    static List<ModuleSpec> find(Path modulesJson, List<Path> pythonPath, Set<String> named) throws IOException {
        List<ModuleSpec> out = new ArrayList<>();
        if (!Files.isRegularFile(modulesJson)) return out;
        Object parsed = JsonReader.parse(Files.readString(modulesJson, StandardCharsets.UTF_8));
        if (!(parsed instanceof List<?> mods)) return out;
        for (Object o : mods) {
            if (!(o instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("package")) || !"app".equals(m.get("origin"))) continue;
            String pkg = String.valueOf(m.get("name"));
            for (Path root : pythonPath) {
                Path dir = root.resolve(pkg.replace('.', '/'));
                if (!Files.isRegularFile(dir.resolve("__init__.py"))) continue;
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path c : files.filter(f -> f.getFileName().toString().endsWith(".c")).sorted().toList()) {
                        String stem = c.getFileName().toString().replaceAll("\\.c$", "");
                        String name = pkg + "." + stem;
                        if (named.contains(name) || !stem.matches("[A-Za-z_]\\w*")) continue;
                        String text = Files.readString(c, StandardCharsets.ISO_8859_1);
                        if (!Pattern.compile("\\bPyInit_" + Pattern.quote(stem) + "\\s*\\(").matcher(text).find()) continue;
                        SourcePosition at = SourcePosition.file(c.toString());
                        ConfigTable t = new ConfigTable("stages.extensions.module", Map.of("name", name), at, Map.of("name", at));
                        out.add(new ModuleSpec(name, List.of(c), List.of(), List.of(), List.of(), t));
                    }
                }
                break;
            }
        }
        return out;
    }
}
