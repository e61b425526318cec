package dev.pipeline.api.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The app a recipe builds: its Python module, search path, WIT location and world, the output file, the import name
 * of the generated bindings package ({@code wit_world} by default, componentize-py's {@code --world-module}) and
 * whether WASI is stubbed out (componentize-py's {@code --stub-wasi}: the component imports no WASI interface).
 * All paths are absolute, resolved against the recipe's folder.
 */
public record AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                      String worldModule, boolean stubWasi) {

    /** componentize-py's name of the generated bindings package. */
    public static final String DEFAULT_WORLD_MODULE = "wit_world";

    /** An app with the default bindings package name and real WASI. */
    public AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output) {
        this(recipe, module, pythonPath, wit, world, output, DEFAULT_WORLD_MODULE, false);
    }

    public Path recipeDir() {
        return recipe.getParent();
    }
}
