package dev.pipeline.api.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The app a recipe builds: its Python module, search path, WIT location and world, and the output file.
 * All paths are absolute, resolved against the recipe's folder.
 */
public record AppSpec(Path recipe, String module, List<Path> pythonPath, Path wit, String world, Path output) {

    public Path recipeDir() {
        return recipe.getParent();
    }
}
