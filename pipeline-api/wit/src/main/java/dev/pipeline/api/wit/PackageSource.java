package dev.pipeline.api.wit;

import dev.pipeline.api.wit.syntax.Ast;
import dev.pipeline.api.wit.syntax.SourceFile;

import java.util.ArrayList;
import java.util.List;

/** The parsed text of one package, possibly spread over several files, before resolution. */
final class PackageSource {
    /** The items one file contributes to the package, and their tokens as text (to compare copies of a package). */
    record Part(SourceFile file, List<Ast.TopItem> items, String contents) {}

    final PackageName name;
    final SourceFile declFile;
    final Ast.PackageDecl decl;
    final List<Part> parts = new ArrayList<>();

    PackageSource(PackageName name, SourceFile declFile, Ast.PackageDecl decl) {
        this.name = name;
        this.declFile = declFile;
        this.decl = decl;
    }

    /** The package's tokens without comments or layout: two copies of a package agree when these are equal. */
    String contents() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) sb.append(p.contents()).append('\n');
        return sb.toString();
    }

    static PackageName nameOf(Ast.PackageDecl decl) {
        return new PackageName(decl.namespace(), decl.name(), decl.version());
    }
}
