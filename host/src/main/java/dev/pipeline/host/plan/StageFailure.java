package dev.pipeline.host.plan;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A strategy threw something other than a PipelineException; keeps the frames of its plugin's own classes. */
public final class StageFailure extends PipelineException {
    private final String pluginId;
    private final List<StackTraceElement> pluginFrames;

    StageFailure(Diagnostic diagnostic, Throwable cause, String pluginId, ClassLoader pluginLoader) {
        super(diagnostic, cause);
        this.pluginId = pluginId;
        this.pluginFrames = framesOf(cause, pluginLoader);
    }

    /** The plugin whose strategy failed. */
    public String pluginId() {
        return pluginId;
    }

    /** The frames (of the exception and its causes, outermost first) whose class the plugin itself defines. */
    public List<StackTraceElement> pluginFrames() {
        return pluginFrames;
    }

    private static List<StackTraceElement> framesOf(Throwable t, ClassLoader loader) {
        List<StackTraceElement> out = new ArrayList<>();
        Map<String, Boolean> ours = new java.util.HashMap<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
            for (StackTraceElement f : c.getStackTrace()) {
                if (ours.computeIfAbsent(f.getClassName(), n -> definedBy(n, loader)) && !out.contains(f)) out.add(f);
            }
        }
        return List.copyOf(out);
    }

    private static boolean definedBy(String className, ClassLoader loader) {
        if (loader == null) return false;
        try {
            return Class.forName(className, false, loader).getClassLoader() == loader;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
