package dev.pipeline.api.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The app a recipe builds: its Python module, search path, WIT location and world, the output file, the import name
 * of the generated bindings package ({@code wit_world} by default, componentize-py's {@code --world-module}) and
 * whether WASI is stubbed out (componentize-py's {@code --stub-wasi}: the component imports no WASI interface), and
 * the runtime's target ({@link #WASIP1}, the default, or {@link #WASIP2}: CPython on wasi:sockets).
 * All paths are absolute, resolved against the recipe's folder.
 */
public record AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                      String worldModule, boolean stubWasi, String target) {

    /** The default target: CPython for wasm32-wasip1, lifted to WASI 0.2 by the preview1 adapter; no sockets. */
    public static final String WASIP1 = "wasip1";
    /** CPython for wasm32-wasip2: its libc implements sockets on wasi:sockets. */
    public static final String WASIP2 = "wasip2";

    /** An app for the default target. */
    public AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output,
                   String worldModule, boolean stubWasi) {
        this(recipe, module, pythonPath, wit, world, output, worldModule, stubWasi, WASIP1);
    }

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
