package dev.pipeline.host;

import dev.pipeline.testkit.PluginJar;

import java.nio.file.Path;

/** The test plugins under src/test/resources, compiled and packed by the plugin test kit as a third-party author's would be. */
final class PluginJarBuilder {
    private PluginJarBuilder() {}

    /** Compiles the sources under a test resource folder and packs them with a PF4J manifest. */
    static Path build(String resourceFolder, String pluginId, String version, Path workDir) {
        Path classes = PluginJar.compile(Path.of("src/test/resources").resolve(resourceFolder),
                workDir.resolve(pluginId + "-classes"), System.getProperty("java.class.path"));
        return PluginJar.pack(classes, pluginId, version, workDir.resolve(pluginId + ".jar"));
    }
}
