package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.KeptModules;
import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Modules an extension imports from C ({@code PyImport_ImportModule("decimal")}): the import DAG cannot see them,
 * so each one the component will not have is reported at its call, with the include that fixes it.
 */
final class CImports {
    private static final Pattern IMPORT = Pattern.compile("PyImport_ImportModule(?:Level|NoBlock)?\\s*\\(\\s*\"([A-Za-z_][\\w.]*)\"");
    /** Modules CPython 3.13 itself carries frozen (Tools/build/freeze_modules.py), never listed in modules.json. */
    private static final Set<String> FROZEN = Set.of("importlib._bootstrap", "importlib._bootstrap_external", "zipimport",
            "abc", "codecs", "encodings", "encodings.aliases", "encodings.utf_8", "io", "_collections_abc", "_sitebuiltins",
            "genericpath", "ntpath", "posixpath", "os", "site", "stat", "importlib.util", "importlib.machinery", "runpy");

    private CImports() {}

    /** Every module the .c sources import by a literal name, with the first extension module that does. */
    static Map<String, String> imported(List<ModuleSpec> specs) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ModuleSpec m : specs) {
            for (Path src : m.sources()) {
                if (!src.toString().endsWith(".c")) continue;
                Matcher im = IMPORT.matcher(Files.readString(src, StandardCharsets.ISO_8859_1));
                while (im.find()) out.putIfAbsent(im.group(1), m.name());
            }
        }
        return out;
    }

    /**
     * Warnings for the modules the sources import from C that are neither in the image, nor built in (kept), nor
     * linked extension modules.
     */
    static List<Diagnostic> missing(List<ModuleSpec> specs, Path packagingOutput, Set<String> builtins) throws IOException {
        Set<String> have = new HashSet<>(FROZEN);
        have.addAll(builtins);
        for (ModuleSpec m : specs) have.add(m.name());
        if (!Files.isRegularFile(packagingOutput.resolve(KeptModules.FILE))) return List.of();
        for (KeptModules.Module m : KeptModules.read(packagingOutput).modules()) have.add(m.name());
        List<Diagnostic> out = new ArrayList<>();
        for (ModuleSpec m : specs) {
            for (Path src : m.sources()) {
                if (!src.toString().endsWith(".c")) continue;
                String text = Files.readString(src, StandardCharsets.ISO_8859_1);
                Matcher im = IMPORT.matcher(text);
                Set<String> seen = new HashSet<>();
                while (im.find()) {
                    String name = im.group(1);
                    if (have.contains(name) || !seen.add(name)) continue;
                    int line = 1;
                    for (int i = 0; i < im.start(); i++) if (text.charAt(i) == '\n') line++;
                    int bol = text.lastIndexOf('\n', im.start()) + 1;
                    int eol = text.indexOf('\n', im.start());
                    SourcePosition at = SourcePosition.of(src.toString(), line, im.start() - bol + 1)
                            .withLineText(text.substring(bol, eol < 0 ? text.length() : eol));
                    out.add(new Diagnostic(Diagnostic.Severity.WARNING, "extension module `" + m.name() + "` imports `" + name
                            + "` from C, and the component does not have it", at,
                            "add include = [\"" + name + "\"] to [stages.packaging] (the import DAG does not see imports made from C)"));
                }
            }
        }
        return out;
    }
}
