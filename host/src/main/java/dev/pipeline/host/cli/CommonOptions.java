package dev.pipeline.host.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by the commands that load plugins. */
public final class CommonOptions {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load plugins (jars or zips) from DIR; may be repeated. Strategies found there replace "
                    + "bundled ones of the same stage and name.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces for errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;
}
