package dev.pipeline.api.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A package: its name, docs, and its interfaces and worlds by name in source order. */
public final class WitPackage {
    private final int id;
    private final PackageName name;
    private final String docs;
    final Map<String, Integer> interfaces = new LinkedHashMap<>();
    final Map<String, Integer> worlds = new LinkedHashMap<>();

    WitPackage(int id, PackageName name, String docs) {
        this.id = id;
        this.name = name;
        this.docs = docs;
    }

    /** The index of this package in {@link Resolve#packages()}. */
    public int id() { return id; }

    public PackageName name() { return name; }

    public String docs() { return docs; }

    /** Interface names to ids, in source order. */
    public Map<String, Integer> interfaces() { return Collections.unmodifiableMap(interfaces); }

    /** World names to ids, in source order. */
    public Map<String, Integer> worlds() { return Collections.unmodifiableMap(worlds); }

    @Override
    public String toString() {
        return name.toString();
    }
}
