package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.KeptModules;
import dev.pipeline.api.config.ConfigTable;
import dev.pipeline.api.diag.SourcePosition;

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
    static List<ModuleSpec> find(Path packagingOutput, List<Path> pythonPath, Set<String> named) throws IOException {
        List<ModuleSpec> out = new ArrayList<>();
        if (!Files.isRegularFile(packagingOutput.resolve(KeptModules.FILE))) return out;
        for (KeptModules.Module m : KeptModules.read(packagingOutput).modules()) {
            if (!m.isPackage() || !"app".equals(m.origin())) continue;
            String pkg = m.name();
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
