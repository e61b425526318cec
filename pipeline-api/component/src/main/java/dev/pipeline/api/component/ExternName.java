package dev.pipeline.api.component;

/**
 * An import or export name ({@code wasi:io/streams@0.2.0}, {@code greet}, {@code [method]r.m}) with its binary form:
 * 0x00/0x01 plain, or 0x02 with attributes ({@code implements}, version suffix, external id).
 */
public record ExternName(String name, int form, String implementsName, String versionSuffix, String externalId) {
    public static ExternName of(String name) {
        return new ExternName(name, 0, null, null, null);
    }

    @Override
    public String toString() { return name; }
}
