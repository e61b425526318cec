package dev.pipeline.testkit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Makes PF4J plugin jars in tests: compiles sources with PF4J's annotation processor and packs classes with the plugin manifest. */
public final class PluginJar {
    /** The index PF4J's annotation processor writes; without it the host finds no strategy in the jar. */
    public static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    private PluginJar() {}

    /**
     * Compiles every {@code .java} file under {@code sourceRoot} for Java 17 with PF4J's annotation processor.
     *
     * @param sourceRoot the folder of the sources (package folders below it)
     * @param classes the folder to write the classes into (created)
     * @param classPath the class path to compile against; it must hold pipeline-api, PF4J and jakarta.inject
     * @return {@code classes}
     * @throws AssertionError with javac's messages when the sources do not compile
     */
    public static Path compile(Path sourceRoot, Path classes, String classPath) {
        try {
            Files.createDirectories(classes);
            List<String> files;
            try (Stream<Path> walk = Files.walk(sourceRoot)) {
                files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) throw new AssertionError("no Java compiler: run the tests on a JDK, not a JRE");
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", classPath,
                    "-processorpath", classPath, "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor"));
            args.addAll(files);
            ByteArrayOutputStream diag = new ByteArrayOutputStream();
            int rc = javac.run(null, diag, diag, args.toArray(String[]::new));
            if (rc != 0) throw new AssertionError("the plugin sources in " + sourceRoot + " do not compile:\n" + diag);
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs compiled classes (with their {@code META-INF/extensions.idx}) into a plugin jar whose manifest carries
     * PF4J's plugin descriptor. Entries are sorted and dated 2025-01-01, so the same classes give the same jar.
     *
     * @param classes the compiled classes, e.g. Maven's {@code target/classes}
     * @param pluginId the {@code Plugin-Id}
     * @param version the {@code Plugin-Version} (part of the stage cache key)
     * @param jar the jar file to write
     * @return {@code jar}
     * @throws AssertionError when the classes have no extension index (the annotation processor did not run)
     */
    public static Path pack(Path classes, String pluginId, String version, Path jar) {
        return pack(classes, pluginId, version, "", jar);
    }

    /**
     * Like {@link #pack(Path, String, String, Path)}, for a plugin that uses classes of other plugins: the manifest's
     * {@code Plugin-Dependencies} names them, so the host loads them first and lets this plugin's classes see theirs.
     *
     * @param classes the compiled classes, e.g. Maven's {@code target/classes}
     * @param pluginId the {@code Plugin-Id}
     * @param version the {@code Plugin-Version} (part of the stage cache key)
     * @param dependencies the {@code Plugin-Dependencies}: plugin ids separated by commas, e.g. {@code "freeze"}; empty
     *                     for none
     * @param jar the jar file to write
     * @return {@code jar}
     * @throws AssertionError when the classes have no extension index (the annotation processor did not run)
     */
    public static Path pack(Path classes, String pluginId, String version, String dependencies, Path jar) {
        if (!Files.isRegularFile(classes.resolve(EXTENSION_INDEX))) {
            throw new AssertionError(classes + " has no " + EXTENSION_INDEX + ": compile with PF4J's annotation processor "
                    + "(org.pf4j:pf4j in the compiler's annotationProcessorPaths) and mark strategies with @Extension");
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", pluginId);
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Description", "plugin " + pluginId + " (packed by the test kit)");
        a.putValue("Plugin-Provider", "tests");
        if (dependencies != null && !dependencies.isBlank()) a.putValue("Plugin-Dependencies", dependencies.strip());
        FileTime fixed = FileTime.fromMillis(1735689600000L);
        try {
            if (jar.getParent() != null) Files.createDirectories(jar.getParent());
            try (OutputStream fo = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(fo);
                 Stream<Path> walk = Files.walk(classes)) {
                // the manifest entry dated like the others (JarOutputStream(out, manifest) would date it now)
                JarEntry manifest = new JarEntry(JarFile.MANIFEST_NAME);
                manifest.setLastModifiedTime(fixed);
                out.putNextEntry(manifest);
                mf.write(out);
                out.closeEntry();
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    if (name.equals(JarFile.MANIFEST_NAME)) continue;
                    JarEntry e = new JarEntry(name);
                    e.setLastModifiedTime(fixed);
                    out.putNextEntry(e);
                    try (InputStream in = Files.newInputStream(f)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /**
     * The plugin under test in a Maven build: packs {@code target/classes} into {@code pluginsDir/<id>.jar}, the id,
     * version and plugin dependencies coming from the system properties {@code pipeline.plugin.id},
     * {@code pipeline.plugin.version} and {@code pipeline.plugin.dependencies} (the pom that
     * {@code pipeline new-plugin} writes sets them for the tests).
     *
     * @param pluginsDir the folder to write the jar into (created); pass it to {@code --plugins}
     * @return {@code pluginsDir}
     */
    public static Path packInto(Path pluginsDir) {
        String id = System.getProperty("pipeline.plugin.id");
        String version = System.getProperty("pipeline.plugin.version", "0.0.0");
        if (id == null || id.isBlank()) {
            throw new AssertionError("the system property pipeline.plugin.id is not set: set it in the test runner's "
                    + "configuration, or call pack(classes, id, version, jar)");
        }
        pack(Path.of("target/classes"), id, version, System.getProperty("pipeline.plugin.dependencies", ""),
                pluginsDir.resolve(id + ".jar"));
        return pluginsDir;
    }
}
