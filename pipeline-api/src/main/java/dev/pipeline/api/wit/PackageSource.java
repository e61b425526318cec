package dev.pipeline.api.wit;

import dev.pipeline.api.wit.syntax.Ast;
import dev.pipeline.api.wit.syntax.SourceFile;

import java.util.ArrayList;
import java.util.List;

/** The parsed text of one package, possibly spread over several files, before resolution. */
final class PackageSource {
    /** The items one file contributes to the package. */
    record Part(SourceFile file, List<Ast.TopItem> items) {}

    final PackageName name;
    final SourceFile declFile;
    final Ast.PackageDecl decl;
    final List<Part> parts = new ArrayList<>();

    PackageSource(PackageName name, SourceFile declFile, Ast.PackageDecl decl) {
        this.name = name;
        this.declFile = declFile;
        this.decl = decl;
    }

    static PackageName nameOf(Ast.PackageDecl decl) {
        return new PackageName(decl.namespace(), decl.name(), decl.version());
    }
}
