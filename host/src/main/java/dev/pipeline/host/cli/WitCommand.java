package dev.pipeline.host.cli;

import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.text.WitJson;
import dev.pipeline.api.wit.text.WitPrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code pipeline wit}: resolves WIT and prints the selected world back as WIT or as JSON. */
@Command(name = "wit", mixinStandardHelpOptions = true,
        description = {"Resolve a WIT file or folder and print a world.",
                "",
                "A folder's *.wit files form the root package; its deps/ folder holds one",
                "dependency per file or folder. The world is printed elaborated: includes",
                "merged, every interface it depends on imported, and the interfaces it needs",
                "defined (other packages as nested package blocks).", ""},
        footer = {"", "Examples:",
                "  pipeline wit wit/                         the root package's only world",
                "  pipeline wit wit/ --world proxy --json    one world as JSON",
                "  pipeline wit wit/ --all                   every package, interface and world"})
public final class WitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A WIT file or folder.")
    Path path;

    @Option(names = {"-w", "--world"}, paramLabel = "WORLD",
            description = "The world: a name in the root package or a full name (ns:pkg/world@version). "
                    + "Default: the root package's only world.")
    String world;

    @ArgGroup(exclusive = true)
    FeatureChoice featureChoice = new FeatureChoice();

    /** Either named unstable features or all of them. */
    static final class FeatureChoice {
        @Option(names = "--features", split = ",", paramLabel = "FEATURE",
                description = "Enable these @unstable features (comma-separated).")
        List<String> features = List.of();

        @Option(names = "--all-features", description = "Enable every @unstable feature.")
        boolean allFeatures;
    }

    @Option(names = "--json", description = "Print the resolved model as JSON instead of WIT.")
    boolean json;

    @Option(names = "--all", description = "Print every package of the resolved WIT, not one world.")
    boolean all;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces for errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Set<String> features = new LinkedHashSet<>();
        for (String f : featureChoice.features) if (!f.isBlank()) features.add(f.strip());
        Resolve resolve = WitLoader.load(path, features, featureChoice.allFeatures);
        boolean everything = all || (world == null && resolve.rootPackage().worlds().isEmpty());
        if (everything) {
            out.print(json ? WitJson.write(resolve) : WitPrinter.print(resolve));
        } else {
            WitWorld selected = resolve.selectWorld(world);
            out.print(json ? WitJson.writeWorld(resolve, selected) : WitPrinter.printWorld(resolve, selected.id()));
        }
        out.flush();
        return 0;
    }
}
