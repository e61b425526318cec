package dev.pipeline.api.wit;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.wit.syntax.Ast;
import dev.pipeline.api.wit.syntax.SourceFile;
import dev.pipeline.api.wit.syntax.WitParser;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads WIT from a file or a folder (its {@code *.wit} files form the root package; {@code deps/} holds one
 * dependency per file or folder) and resolves it. The entry point every stage uses.
 */
public final class WitLoader {
    private WitLoader() {}

    /** Loads and resolves a WIT file or folder with no unstable features enabled. */
    public static Resolve load(Path fileOrDir) {
        return load(fileOrDir, Set.of(), false);
    }

    /** Loads and resolves a WIT file or folder; {@code features} enables {@code @unstable} items, or all of them. */
    public static Resolve load(Path fileOrDir, Set<String> features, boolean allFeatures) {
        List<Ast.File> rootFiles = new ArrayList<>();
        List<List<Ast.File>> depGroups = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            rootFiles.addAll(parseFolder(fileOrDir));
            if (rootFiles.isEmpty()) {
                throw new PipelineException(SourcePosition.file(fileOrDir.toString()), "no `.wit` files in this folder", null);
            }
            Path deps = fileOrDir.resolve("deps");
            if (Files.isDirectory(deps)) {
                for (Path dep : sortedEntries(deps)) {
                    if (Files.isDirectory(dep)) {
                        depGroups.add(parseFolder(dep));
                    } else if (dep.getFileName().toString().endsWith(".wit")) {
                        depGroups.add(List.of(parse(dep)));
                    }
                }
            }
        } else if (Files.isRegularFile(fileOrDir)) {
            rootFiles.add(parse(fileOrDir));
        } else {
            throw new PipelineException(SourcePosition.file(fileOrDir.toString()), "no such WIT file or folder", null);
        }
        return resolveFiles(rootFiles, depGroups, features, allFeatures);
    }

    /** Resolves WIT text held in memory: one root file and any number of dependency files (name to text). */
    public static Resolve parse(String fileName, String text, Map<String, String> deps, Set<String> features,
                                boolean allFeatures) {
        List<List<Ast.File>> depGroups = new ArrayList<>();
        for (Map.Entry<String, String> e : deps.entrySet()) {
            depGroups.add(List.of(WitParser.parse(new SourceFile(e.getKey(), e.getValue()))));
        }
        return resolveFiles(List.of(WitParser.parse(new SourceFile(fileName, text))), depGroups, features, allFeatures);
    }

    /** Resolves one WIT text held in memory. */
    public static Resolve parse(String fileName, String text) {
        return parse(fileName, text, Map.of(), Set.of(), false);
    }

    private static Resolve resolveFiles(List<Ast.File> rootFiles, List<List<Ast.File>> depGroups, Set<String> features,
                                        boolean allFeatures) {
        List<PackageSource> sources = new ArrayList<>();
        PackageSource root = group(rootFiles, sources);
        for (List<Ast.File> dep : depGroups) group(dep, sources);
        try {
            return new Resolver(features, allFeatures).resolve(sources, root);
        } catch (StackOverflowError e) {
            // depth is bounded where it grows with the input; this only guards threads with very small stacks
            throw new PipelineException(SourcePosition.file(root.declFile.name()),
                    "the WIT nests too deeply to resolve on this thread's stack", "simplify the chain of `use` or `include`");
        }
    }

    /** Makes one package of the files' top-level items, and one more per nested package block; returns the first. */
    private static PackageSource group(List<Ast.File> files, List<PackageSource> out) {
        Ast.File declaring = null;
        for (Ast.File f : files) {
            if (f.packageDecl() == null) continue;
            if (declaring == null) {
                declaring = f;
            } else if (PackageSource.nameOf(f.packageDecl()).equals(PackageSource.nameOf(declaring.packageDecl()))) {
                if (declaring.packageDecl().docs() == null && f.packageDecl().docs() != null) declaring = f;
            } else {
                throw f.source().error(f.packageDecl().offset(), "package " + PackageSource.nameOf(f.packageDecl())
                        + " differs from package " + PackageSource.nameOf(declaring.packageDecl()) + " declared in "
                        + declaring.source().name(), "all files of one folder belong to one package");
            }
        }
        if (declaring == null) {
            Ast.File first = files.get(0);
            boolean onlyNested = files.stream().allMatch(f -> f.items().isEmpty() && !f.nested().isEmpty());
            if (!onlyNested) {
                throw first.source().error(0, "no package declaration", "start the file with `package namespace:name;`");
            }
        }
        PackageSource main = null;
        if (declaring != null) {
            Ast.PackageDecl decl = declaring.packageDecl();
            main = new PackageSource(PackageSource.nameOf(decl), declaring.source(), decl);
            for (Ast.File f : files) main.parts.add(new PackageSource.Part(f.source(), f.items(), f.contents()));
            out.add(main);
        }
        for (Ast.File f : files) {
            for (Ast.NestedPackage n : f.nested()) {
                PackageSource nested = new PackageSource(PackageSource.nameOf(n.decl()), f.source(), n.decl());
                nested.parts.add(new PackageSource.Part(f.source(), n.items(), n.contents()));
                out.add(nested);
                if (main == null) main = nested;
            }
        }
        return main;
    }

    private static List<Ast.File> parseFolder(Path dir) {
        List<Ast.File> files = new ArrayList<>();
        for (Path p : sortedEntries(dir)) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".wit")) files.add(parse(p));
        }
        if (files.isEmpty()) {
            throw new PipelineException(SourcePosition.file(dir.toString()), "no `.wit` files in this folder", null);
        }
        return files;
    }

    private static List<Path> sortedEntries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new PipelineException(SourcePosition.file(dir.toString()), "cannot list folder: " + e.getMessage(), null);
        }
    }

    private static Ast.File parse(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PipelineException(SourcePosition.file(file.toString()), "file is not valid UTF-8", null);
        } catch (IOException e) {
            throw new PipelineException(SourcePosition.file(file.toString()), "cannot read file: " + e.getMessage(), null);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return WitParser.parse(new SourceFile(file.toString(), text));
    }
}
