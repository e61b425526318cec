package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * componentize-py's common options ({@code -d}, {@code -w}, {@code --world-module}, {@code --features},
 * {@code --all-features}), accepted before the subcommand as componentize-py takes them and after it as well.
 */
public final class ComponentizeOptions {
    @Option(names = {"-d", "--wit-path"}, paramLabel = "WIT",
            description = "A .wit file or a folder of them (with deps/). componentize-py's default: wit")
    List<Path> witPaths = new ArrayList<>();

    @Option(names = {"-w", "--world"}, paramLabel = "WORLD",
            description = "The world: a short name in the root package or ns:pkg/world@version (default: the package's only world).")
    List<String> worlds = new ArrayList<>();

    @Option(names = "--world-module", paramLabel = "NAME",
            description = "Import name of the generated bindings package (default: wit_world).")
    String worldModule;

    @Option(names = "--features", paramLabel = "FEATURE", split = ",",
            description = "WIT @unstable features to enable (comma-separated, may be repeated).")
    List<String> features = new ArrayList<>();

    @Option(names = "--all-features", description = "Enable every WIT @unstable feature.")
    boolean allFeatures;

    @Option(names = "--full-names", hidden = true)
    boolean fullNames;

    @Option(names = "--import-interface-name", hidden = true)
    List<String> importInterfaceNames = new ArrayList<>();

    @Option(names = "--export-interface-name", hidden = true)
    List<String> exportInterfaceNames = new ArrayList<>();

    /** These options merged with those given before the subcommand (which come first). */
    ComponentizeOptions merged(ComponentizeOptions parent) {
        if (parent == null) return this;
        ComponentizeOptions m = new ComponentizeOptions();
        m.witPaths.addAll(parent.witPaths);
        m.witPaths.addAll(witPaths);
        m.worlds.addAll(parent.worlds);
        m.worlds.addAll(worlds);
        m.worldModule = worldModule != null ? worldModule : parent.worldModule;
        m.features.addAll(parent.features);
        m.features.addAll(features);
        m.allFeatures = allFeatures || parent.allFeatures;
        m.fullNames = fullNames || parent.fullNames;
        m.importInterfaceNames.addAll(parent.importInterfaceNames);
        m.importInterfaceNames.addAll(importInterfaceNames);
        m.exportInterfaceNames.addAll(parent.exportInterfaceNames);
        m.exportInterfaceNames.addAll(exportInterfaceNames);
        return m;
    }

    boolean given() {
        return !witPaths.isEmpty() || !worlds.isEmpty() || worldModule != null || !features.isEmpty() || allFeatures;
    }

    /** Rejects the componentize-py options this tool does not offer, saying why. */
    void checkSupported() {
        if (witPaths.size() > 1) {
            throw new PipelineException(null, "-d/--wit-path given " + witPaths.size() + " times; one WIT path is supported",
                    "pass the folder that holds the world's package, with the packages it uses under its deps/ folder");
        }
        if (worlds.size() > 1) {
            throw new PipelineException(null, "-w/--world given " + worlds.size() + " times; merging worlds is not supported",
                    "write one world that `include`s the others and name it");
        }
        if (fullNames || !importInterfaceNames.isEmpty() || !exportInterfaceNames.isEmpty()) {
            throw new PipelineException(null, "--full-names and --import/export-interface-name are not supported",
                    "module names follow componentize-py's default rule (the interface name, qualified only on a clash)");
        }
    }

    Path witPath() {
        return witPaths.isEmpty() ? Path.of("wit") : witPaths.get(0);
    }

    String world() {
        return worlds.isEmpty() ? null : worlds.get(0);
    }
}
