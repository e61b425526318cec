package dev.pipeline.api.wit;

/** A package's name: {@code namespace:name@version} (version may be null). */
public record PackageName(String namespace, String name, String version) {

    /** The name without version, e.g. {@code wasi:io}. */
    public String unversioned() {
        return namespace + ":" + name;
    }

    /** The full name of an interface or world of this package, e.g. {@code wasi:io/streams@0.2.0}. */
    public String qualify(String item) {
        return namespace + ":" + name + "/" + item + (version == null ? "" : "@" + version);
    }

    @Override
    public String toString() {
        return unversioned() + (version == null ? "" : "@" + version);
    }
}
