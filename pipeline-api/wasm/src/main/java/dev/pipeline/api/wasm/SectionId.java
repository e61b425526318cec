package dev.pipeline.api.wasm;

/** The known core sections in the order the binary format requires them. */
public enum SectionId {
    TYPE(1), IMPORT(2), FUNCTION(3), TABLE(4), MEMORY(5), TAG(13), GLOBAL(6), EXPORT(7), START(8), ELEMENT(9),
    DATA_COUNT(12), CODE(10), DATA(11);

    public final int id;

    SectionId(int id) { this.id = id; }

    public static SectionId byId(int id) {
        for (SectionId s : values()) if (s.id == id) return s;
        return null;
    }

    public String text() { return name().toLowerCase().replace('_', ' '); }
}
