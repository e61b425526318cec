package dev.pipeline.api.stage;

import java.nio.file.Path;

/** The user's cache folder ({@code $PIPELINE_CACHE}, else {@code $XDG_CACHE_HOME/pipeline} or {@code ~/.cache/pipeline}). */
public final class UserCache {
    private UserCache() {}

    /**
     * The folder; strategies keep their own caches in a subfolder named after themselves.
     *
     * @return the cache folder (not necessarily existing yet)
     */
    public static Path root() {
        String env = System.getProperty("pipeline.cache", System.getenv("PIPELINE_CACHE"));
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pipeline");
    }
}
