package dev.pipeline.host.cli;

import dev.pipeline.api.config.ConfigSchema;
import dev.pipeline.api.json.JsonWriter;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.host.plugins.StrategyInfo;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pipeline plugins}: what is installed, which stage each strategy serves, and from which plugin. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List installed plugins and the strategies they offer for each stage.", ""})
public final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Session session = new Session(common, spec.commandLine().getErr())) {
            if (json) {
                out.print(JsonWriter.write(model(session)));
            } else {
                printText(out, session);
            }
            out.flush();
            return 0;
        }
    }

    private Map<String, Object> model(Session session) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> plugins = new ArrayList<>();
        for (PluginWrapper w : session.plugins.plugins()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", w.getPluginId());
            p.put("version", w.getDescriptor().getVersion());
            p.put("description", w.getDescriptor().getPluginDescription());
            p.put("path", w.getPluginPath().toString());
            p.put("state", w.getPluginState().toString().toLowerCase());
            plugins.add(p);
        }
        root.put("plugins", plugins);
        List<Object> strategies = new ArrayList<>();
        for (Map.Entry<Stage, Map<String, StrategyInfo>> e : session.plugins.strategies().entrySet()) {
            for (StrategyInfo info : e.getValue().values()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("stage", e.getKey().key());
                s.put("name", info.strategy().name());
                s.put("plugin", info.pluginId());
                s.put("version", info.pluginVersion());
                s.put("description", info.strategy().description());
                s.put("default", info.strategy().name().equals(e.getKey().defaultStrategy()));
                if (info.replaced() != null) s.put("replaces", info.replaced());
                List<Object> keys = new ArrayList<>();
                for (ConfigSchema.Key k : info.strategy().configSchema().keys().values()) {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put("name", k.name());
                    key.put("type", k.type().toString().toLowerCase());
                    key.put("description", k.description());
                    key.put("default", k.defaultValue());
                    if (k.min() != null) key.put("min", k.min());
                    if (k.max() != null) key.put("max", k.max());
                    if (k.choices() != null && !k.choices().isEmpty()) key.put("choices", k.choices());
                    keys.add(key);
                }
                s.put("config", keys);
                strategies.add(s);
            }
        }
        root.put("strategies", strategies);
        return root;
    }

    private void printText(PrintWriter out, Session session) {
        List<PluginWrapper> plugins = session.plugins.plugins();
        out.println("Plugins (" + plugins.size() + "):");
        for (PluginWrapper w : plugins) {
            out.printf("  %-20s %-8s %s%n", w.getPluginId(), w.getDescriptor().getVersion(),
                    w.getDescriptor().getPluginDescription() == null ? "" : w.getDescriptor().getPluginDescription());
        }
        out.println();
        out.println("Strategies by stage (* = default):");
        for (Stage stage : Stage.values()) {
            Map<String, StrategyInfo> byName = session.plugins.strategies().get(stage);
            out.printf("  %s — %s%n", stage.key(), stage.purpose());
            if (byName.isEmpty()) out.println("      (none installed)");
            for (StrategyInfo info : byName.values()) {
                String mark = info.strategy().name().equals(stage.defaultStrategy()) ? "*" : " ";
                out.printf("    %s %-14s %-44s [%s %s]%s%n", mark, info.strategy().name(), info.strategy().description(),
                        info.pluginId(), info.pluginVersion(), info.replaced() != null ? " replaces " + info.replaced() : "");
                for (ConfigSchema.Key k : info.strategy().configSchema().keys().values()) {
                    String constraint = k.constraint().isEmpty() ? "" : ", " + k.constraint();
                    out.printf("        [stages.%s] %s (%s%s, default %s): %s%n", stage.key(), k.name(),
                            k.type().toString().toLowerCase(), constraint, k.defaultValue(), k.description());
                }
            }
        }
    }
}
