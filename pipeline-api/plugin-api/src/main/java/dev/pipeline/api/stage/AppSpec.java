package dev.pipeline.api.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The app a recipe builds (its {@code [app]} table): its Python module, search path, WIT location and world, the
 * output file, the import name of the generated bindings package and whether WASI is stubbed out. All paths are
 * absolute, resolved against the recipe's folder.
 *
 * @param recipe the recipe file
 * @param module the Python module holding the export classes ({@code module = "app"})
 * @param pythonPath the folders searched for the app's modules ({@code python-path}; the recipe's folder when not given)
 * @param wit the WIT file or folder (with {@code deps/})
 * @param world the world's name, or null for the package's only world
 * @param output the component file to write
 * @param worldModule the import name of the generated bindings package ({@code wit_world} by default,
 *                    componentize-py's {@code --world-module})
 * @param stubWasi whether WASI is stubbed out (componentize-py's {@code --stub-wasi}: the component imports no WASI
 *                 interface)
 */
public record AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                      String worldModule, boolean stubWasi) {

    /** componentize-py's name of the generated bindings package. */
    public static final String DEFAULT_WORLD_MODULE = "wit_world";

    /**
     * An app with the default bindings package name and real WASI.
     *
     * @param recipe the recipe file
     * @param module the Python module holding the export classes
     * @param pythonPath the folders searched for the app's modules
     * @param wit the WIT file or folder
     * @param world the world's name, or null
     * @param output the component file to write
     */
    public AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output) {
        this(recipe, module, pythonPath, wit, world, output, DEFAULT_WORLD_MODULE, false);
    }

    /**
     * The recipe's folder, against which the recipe's relative paths are resolved.
     *
     * @return the folder
     */
    public Path recipeDir() {
        return recipe.getParent();
    }
}
