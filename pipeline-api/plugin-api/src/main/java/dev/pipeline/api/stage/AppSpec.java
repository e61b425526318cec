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
 * @param target the runtime's target: {@link #WASIP1} (the default) or {@link #WASIP2} (CPython on wasi:sockets)
 */
public record AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                      String worldModule, boolean stubWasi, String target) {

    /** The default target: CPython for wasm32-wasip1, lifted to WASI 0.2 by the preview1 adapter; no sockets. */
    public static final String WASIP1 = "wasip1";
    /** CPython for wasm32-wasip2: its libc implements sockets on wasi:sockets. */
    public static final String WASIP2 = "wasip2";

    /**
     * An app for the default target.
     *
     * @param recipe the recipe file
     * @param module the Python module holding the export classes
     * @param pythonPath the folders searched for the app's modules
     * @param wit the WIT file or folder
     * @param world the world's name, or null
     * @param output the component file to write
     * @param worldModule the import name of the generated bindings package
     * @param stubWasi whether WASI is stubbed out
     */
    public AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                   String worldModule, boolean stubWasi) {
        this(recipe, module, pythonPath, wit, world, output, worldModule, stubWasi, WASIP1);
    }

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
