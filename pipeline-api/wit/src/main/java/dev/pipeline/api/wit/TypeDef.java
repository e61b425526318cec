package dev.pipeline.api.wit;

/** A named type definition with a stable id, its owner, docs and gate. */
public final class TypeDef {
    private final int id;
    private final String name;
    private final TypeOwner owner;
    private final String docs;
    private final Stability stability;
    private TypeDefKind kind;

    TypeDef(int id, String name, TypeOwner owner, String docs, Stability stability) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.docs = docs;
        this.stability = stability;
    }

    /** The index of this definition in {@link Resolve#types()}. */
    public int id() { return id; }

    public String name() { return name; }

    public TypeOwner owner() { return owner; }

    /** The doc comment, or null. */
    public String docs() { return docs; }

    public Stability stability() { return stability; }

    public TypeDefKind kind() { return kind; }

    void setKind(TypeDefKind kind) { this.kind = kind; }

    @Override
    public String toString() {
        return "TypeDef#" + id + "(" + name + ")";
    }
}
