package dev.pipeline.host.plugins;

import com.google.inject.Injector;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginWrapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PF4J's plugin manager with extensions created by Guice, and a safe {@link #stopPlugins()}. */
final class PipelinePluginManager extends DefaultPluginManager {
    // set after construction: PF4J calls createExtensionFactory() from its own constructor
    private Injector injector;

    PipelinePluginManager(List<Path> roots) {
        super(roots);
    }

    void useInjector(Injector injector) {
        this.injector = injector;
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new GuiceExtensionFactory(() -> injector);
    }

    /** PF4J 3.15.0 removes from the list it iterates (ConcurrentModificationException): stop from a copy. */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        java.util.Collections.reverse(started);
        for (PluginWrapper p : started) {
            if (getStartedPlugins().contains(p)) stopPlugin(p.getPluginId());
        }
    }
}
