package dev.pipeline.api.wasm;

/** The kinds of things a core module imports or exports, with their binary codes. */
public enum ExternalKind {
    FUNC(0), TABLE(1), MEMORY(2), GLOBAL(3), TAG(4);

    public final int code;

    ExternalKind(int code) { this.code = code; }

    public static ExternalKind read(WasmInput in) {
        int at = in.position();
        int c = in.u8();
        for (ExternalKind k : values()) if (k.code == c) return k;
        throw in.error(at, "unknown external kind 0x" + Integer.toHexString(c));
    }

    public String text() { return name().toLowerCase(); }
}
