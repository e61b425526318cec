package dev.pipeline.api.wasm;

/**
 * A custom section: its name, payload, and where it sits ({@code after} is the {@link SectionId} of the known
 * section it follows in the binary, or {@code null} when it comes before all of them).
 */
public record CustomSection(String name, byte[] data, SectionId after) {
    public CustomSection withAfter(SectionId where) { return new CustomSection(name, data, where); }
}
