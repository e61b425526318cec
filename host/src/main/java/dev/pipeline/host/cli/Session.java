package dev.pipeline.host.cli;

import com.google.inject.Guice;
import dev.pipeline.host.cache.StageCache;
import dev.pipeline.host.console.CollectingDiagnostics;
import dev.pipeline.host.console.ConsoleProgress;
import dev.pipeline.host.kit.KitLocator;
import dev.pipeline.host.plan.HostModule;
import dev.pipeline.host.plugins.PluginHost;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;

/** The services one command needs: progress, diagnostics, cache, runtime kit and the plugin host. */
final class Session implements AutoCloseable {
    final ConsoleProgress progress;
    final CollectingDiagnostics diagnostics;
    final StageCache cache;
    final KitLocator kit;
    final PluginHost plugins;

    Session(CommonOptions options, PrintWriter err) {
        Path home = home();
        progress = new ConsoleProgress(err, options.quiet);
        diagnostics = new CollectingDiagnostics(err);
        cache = new StageCache(StageCache.defaultRoot(), diagnostics::warn);
        cache.removeStale(); // what killed runs left behind
        kit = new KitLocator(home);
        List<Path> roots = new ArrayList<>();
        roots.add(home.resolve("plugins"));
        for (Path p : options.pluginDirs) {
            if (!Files.isDirectory(p)) {
                throw new PipelineException(SourcePosition.file(p.toString()),
                        "--plugins: not a folder", "pass a folder that holds plugin jars or zips");
            }
            roots.add(p);
        }
        plugins = new PluginHost(roots, host -> Guice.createInjector(new HostModule(progress, diagnostics, kit, cache)));
        for (String problem : plugins.problems()) diagnostics.warn(problem);
    }

    /**
     * The installation folder: {@code -Dpipeline.home}, else the folder above the host jar's {@code lib/}.
     */
    static Path home() {
        String prop = System.getProperty("pipeline.home");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        try {
            Path jar = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".").toAbsolutePath().normalize();
        }
    }

    @Override
    public void close() {
        plugins.close();
    }
}
