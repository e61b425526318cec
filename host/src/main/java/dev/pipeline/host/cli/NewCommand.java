package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pipeline new NAME}: scaffolds a recipe, a WIT world and a Python app in a new folder. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create a new project folder with recipe.toml, wit/NAME.wit and app.py.", ""})
public final class NewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Folder to create; its last part names the world.")
    Path folder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = folder.getFileName().toString();
        if (!ScaffoldChecks.isKebabCase(name)) {
            throw new PipelineException(SourcePosition.file(folder.toString()), "`" + name + "` is not a valid WIT world name",
                    "use lowercase kebab-case, e.g. hello or my-app");
        }
        ScaffoldChecks.requireNewFolder(folder);
        Files.createDirectories(folder.resolve("wit"));
        Files.writeString(folder.resolve("recipe.toml"), """
                [app]
                module = "app"                # app.py holds the export classes
                wit = "wit"                   # a .wit file or a folder of them (with deps/)
                world = "%1$s"
                output = "build/%1$s.wasm"

                [pipeline]                    # one strategy per stage; `pipeline plugins` lists them
                bindings = "static"
                packaging = "freeze"
                extensions = "none"
                init = "chicory"
                splice = "in-place"
                """.formatted(name));
        Files.writeString(folder.resolve("wit").resolve(name + ".wit"), """
                package local:%1$s;

                world %1$s {
                  /// Writes a line to the host's log.
                  import log: func(message: string);

                  /// Returns a greeting for `name`.
                  export greet: func(name: string) -> string;
                }
                """.formatted(name));
        Files.writeString(folder.resolve("app.py"), """
                import wit_world


                class WitWorld(wit_world.WitWorld):
                    def greet(self, name: str) -> str:
                        wit_world.log(f"greeting {name}")
                        return f"Hello, {name}!"
                """);
        spec.commandLine().getOut().println("created " + folder + " (recipe.toml, wit/" + name + ".wit, app.py)");
        spec.commandLine().getOut().println("build it with: pipeline run " + folder.resolve("recipe.toml"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
