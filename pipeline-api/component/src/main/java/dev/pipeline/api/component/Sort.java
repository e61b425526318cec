package dev.pipeline.api.component;

/** The sorts of the component index spaces, core ones included, with their binary encodings. */
public enum Sort {
    CORE_FUNC(0x00), CORE_TABLE(0x01), CORE_MEMORY(0x02), CORE_GLOBAL(0x03), CORE_TAG(0x04), CORE_TYPE(0x10),
    CORE_MODULE(0x11), CORE_INSTANCE(0x12), FUNC(-1), VALUE(-1), TYPE(-1), COMPONENT(-1), INSTANCE(-1);

    /** The {@code core:sort} byte, or -1 for component sorts. */
    public final int coreCode;

    Sort(int coreCode) { this.coreCode = coreCode; }

    public boolean isCore() { return coreCode >= 0; }

    /** The {@code sort} byte: 0x00 for core sorts (followed by the core byte), 0x01–0x05 otherwise. */
    public int code() {
        return switch (this) {
            case FUNC -> 0x01;
            case VALUE -> 0x02;
            case TYPE -> 0x03;
            case COMPONENT -> 0x04;
            case INSTANCE -> 0x05;
            default -> 0x00;
        };
    }

    public static Sort core(int coreCode) {
        for (Sort s : values()) if (s.coreCode == coreCode && s.isCore()) return s;
        return null;
    }

    public static Sort component(int code) {
        for (Sort s : values()) if (!s.isCore() && s.code() == code) return s;
        return null;
    }

    public String text() {
        return isCore() ? "core " + name().substring(5).toLowerCase() : name().toLowerCase();
    }
}
