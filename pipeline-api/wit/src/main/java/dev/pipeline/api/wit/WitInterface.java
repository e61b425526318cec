package dev.pipeline.api.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An interface: named in a package, or anonymous when written inline in a world. */
public final class WitInterface {
    private final int id;
    private final String name;
    private final int packageId;
    private final String docs;
    private final Stability stability;
    final Map<String, Integer> types = new LinkedHashMap<>();
    final Map<String, WitFunction> functions = new LinkedHashMap<>();
    final java.util.LinkedHashSet<Integer> uses = new java.util.LinkedHashSet<>();

    WitInterface(int id, String name, int packageId, String docs, Stability stability) {
        this.id = id;
        this.name = name;
        this.packageId = packageId;
        this.docs = docs;
        this.stability = stability;
    }

    /** The index of this interface in {@link Resolve#interfaces()}. */
    public int id() { return id; }

    /** The interface's name in its package, or null for an inline interface of a world. */
    public String name() { return name; }

    /** The id of the package holding this interface (inline interfaces: the world's package). */
    public int packageId() { return packageId; }

    public String docs() { return docs; }

    public Stability stability() { return stability; }

    /** Type names in definition order (names brought in by {@code use} first), each to its type id. */
    public Map<String, Integer> types() { return Collections.unmodifiableMap(types); }

    /** Functions by component-level name ({@code [method]r.m} for resource functions), in source order. */
    public Map<String, WitFunction> functions() { return Collections.unmodifiableMap(functions); }

    /** Ids of the interfaces this one takes types from with {@code use}, in order of first use. */
    public List<Integer> uses() { return List.copyOf(uses); }

    @Override
    public String toString() {
        return "WitInterface#" + id + "(" + name + ")";
    }
}
