package dev.pipeline.host;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds a PF4J plugin jar from Java sources at test time, the way a third-party author would. */
final class PluginJarBuilder {
    private PluginJarBuilder() {}

    /** Compiles the sources under a test resource folder and packs them with a PF4J manifest. */
    static Path build(String resourceFolder, String pluginId, String version, Path workDir) throws IOException {
        Path src = workDir.resolve(pluginId + "-src");
        Path classes = workDir.resolve(pluginId + "-classes");
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        Path resourceRoot = Path.of("src/test/resources").resolve(resourceFolder);
        try (Stream<Path> walk = Files.walk(resourceRoot)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path target = src.resolve(resourceRoot.relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
                files.add(target.toString());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", cp,
                "-processorpath", cp, "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor"));
        args.addAll(files);
        ByteArrayOutputStream diag = new ByteArrayOutputStream();
        int rc = javac.run(null, diag, diag, args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("test plugin does not compile:\n" + diag);
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", pluginId);
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Description", "test plugin " + pluginId);
        a.putValue("Plugin-Provider", "tests");
        Path jar = workDir.resolve(pluginId + ".jar");
        try (OutputStream fo = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(fo, mf);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (!new String(Files.readAllBytes(jar), java.nio.charset.StandardCharsets.ISO_8859_1).contains("extensions.idx")) {
            throw new IllegalStateException("the extension index was not generated for " + pluginId);
        }
        return jar;
    }
}
