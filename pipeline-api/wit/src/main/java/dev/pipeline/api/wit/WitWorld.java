package dev.pipeline.api.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A world with its imports and exports fully elaborated: includes are merged and every interface an item depends on
 * is imported before it. Keys are the import/export names: the full interface name ({@code wasi:io/streams@0.2.0}) or
 * a plain name.
 */
public final class WitWorld {
    private final int id;
    private final String name;
    private final int packageId;
    private final String docs;
    private final Stability stability;
    final Map<String, WorldItem> imports = new LinkedHashMap<>();
    final Map<String, WorldItem> exports = new LinkedHashMap<>();

    WitWorld(int id, String name, int packageId, String docs, Stability stability) {
        this.id = id;
        this.name = name;
        this.packageId = packageId;
        this.docs = docs;
        this.stability = stability;
    }

    /** The index of this world in {@link Resolve#worlds()}. */
    public int id() { return id; }

    public String name() { return name; }

    public int packageId() { return packageId; }

    public String docs() { return docs; }

    public Stability stability() { return stability; }

    public Map<String, WorldItem> imports() { return Collections.unmodifiableMap(imports); }

    public Map<String, WorldItem> exports() { return Collections.unmodifiableMap(exports); }

    @Override
    public String toString() {
        return "WitWorld#" + id + "(" + name + ")";
    }
}
