package dev.pipeline.host.plugins;

import com.google.inject.Injector;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Suggestions;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageStrategy;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.pipeline.api.diag.SourcePosition;

/**
 * Loads the plugins from the bundled folder and any user folders, and indexes their strategies by stage and name.
 * A strategy from a later folder (a user's {@code --plugins DIR}) replaces a bundled one of the same stage and name.
 */
public final class PluginHost implements AutoCloseable {
    private final PipelinePluginManager manager;
    private final List<Path> roots;
    private final Map<Stage, Map<String, StrategyInfo>> strategies = new EnumMap<>(Stage.class);
    private final List<String> problems = new ArrayList<>();

    public PluginHost(List<Path> roots, java.util.function.Function<PluginHost, Injector> injectorFactory) {
        this.roots = roots.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).toList();
        this.manager = new PipelinePluginManager(this.roots);
        manager.useInjector(injectorFactory.apply(this));
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper w : manager.getPlugins()) {
            if (w.getPluginState() != PluginState.STARTED) {
                problems.add("plugin " + w.getPluginId() + " (" + w.getPluginPath() + ") did not start: "
                        + (w.getFailedException() != null ? w.getFailedException().getMessage() : w.getPluginState()));
            }
        }
        index();
    }

    private void index() {
        for (Stage s : Stage.values()) strategies.put(s, new LinkedHashMap<>());
        List<PluginWrapper> plugins = new ArrayList<>(manager.getStartedPlugins());
        // bundled folder first, then user folders in the order given: later ones win
        plugins.sort(Comparator.comparingInt((PluginWrapper w) -> rootIndex(w.getPluginPath())).thenComparing(PluginWrapper::getPluginId));
        for (PluginWrapper w : plugins) {
            List<StageStrategy> found;
            try {
                found = manager.getExtensions(StageStrategy.class, w.getPluginId());
            } catch (RuntimeException e) {
                problems.add("plugin " + w.getPluginId() + ": " + e.getMessage());
                continue;
            }
            for (StageStrategy s : found) {
                Map<String, StrategyInfo> byName = strategies.get(s.stage());
                StrategyInfo previous = byName.get(s.name());
                String replaced = previous == null ? null : previous.pluginId();
                byName.put(s.name(), new StrategyInfo(s, w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginPath(), replaced));
            }
        }
    }

    private int rootIndex(Path pluginPath) {
        Path p = pluginPath.toAbsolutePath().normalize();
        for (int i = 0; i < roots.size(); i++) if (p.startsWith(roots.get(i))) return i;
        return roots.size();
    }

    /** Every installed strategy, by stage, in a stable order. */
    public Map<Stage, Map<String, StrategyInfo>> strategies() {
        return strategies;
    }

    /** Loaded plugins in id order. */
    public List<PluginWrapper> plugins() {
        List<PluginWrapper> all = new ArrayList<>(manager.getPlugins());
        all.sort(Comparator.comparing(PluginWrapper::getPluginId));
        return all;
    }

    /** Plugins that failed to load or start. */
    public List<String> problems() {
        return problems;
    }

    /** The strategy a recipe asked for, or an error naming the stage, the name and what is available. */
    public StrategyInfo strategy(Stage stage, String name, SourcePosition chosenAt) {
        Map<String, StrategyInfo> byName = strategies.get(stage);
        StrategyInfo info = byName.get(name);
        if (info != null) return info;
        String available = byName.isEmpty() ? "none is installed" : "available: " + String.join(", ", byName.keySet());
        String hint = Suggestions.didYouMean(name, byName.keySet());
        String where = chosenAt == null ? " (the default)" : "";
        throw new PipelineException(chosenAt, "stage `" + stage.key() + "`: strategy \"" + name + "\"" + where
                + " is not installed; " + available,
                hint != null ? hint : "install a plugin that provides it (drop its jar or zip into a plugins folder, or pass --plugins DIR); `pipeline plugins` lists what is installed");
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
