package dev.pipeline.api.component;

import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Module;

/**
 * The two conventions by which a core module names the items of its world: the legacy one of wit-bindgen and
 * wasi-sdk ({@code memory}, {@code cabi_realloc}, {@code iface#f}, imports from module {@code $root} or the interface
 * name) and the standard {@code cm32p2} one of the component model's build targets.
 */
public enum CoreNames {
    LEGACY, STANDARD;

    private static final String P = "cm32p2";

    /** What a core import asks for. */
    public enum Intrinsic { FUNC, RESOURCE_DROP, RESOURCE_NEW, RESOURCE_REP }

    /**
     * A parsed core import: the interface (null for world-level items), whether it concerns an exported interface
     * (resource intrinsics), the intrinsic, and the function or resource name.
     */
    public record ImportRef(String iface, boolean exported, Intrinsic intrinsic, String name) {}

    /** STANDARD when the module uses {@code cm32p2} names anywhere, else LEGACY. */
    public static CoreNames detect(Module m) {
        for (Export e : m.exports) if (e.name().startsWith(P)) return STANDARD;
        for (Import i : m.imports) if (i.module().startsWith(P)) return STANDARD;
        return LEGACY;
    }

    public String memory() { return this == LEGACY ? "memory" : P + "_memory"; }

    public String realloc() { return this == LEGACY ? "cabi_realloc" : P + "_realloc"; }

    public String initialize() { return this == LEGACY ? "_initialize" : P + "_initialize"; }

    /** The core export implementing {@code func} of interface {@code iface} (null: a world-level function). */
    public String export(String iface, String func) {
        if (this == LEGACY) return iface == null ? func : iface + "#" + func;
        return P + "|" + (iface == null ? "" : shortName(iface)) + "|" + func;
    }

    /** The core export that frees what the export {@code coreName} returned. */
    public String postReturn(String coreName) {
        return this == LEGACY ? "cabi_post_" + coreName : coreName + "_post";
    }

    /** The core export destroying resource {@code resource} of exported interface {@code iface}. */
    public String destructor(String iface, String resource) {
        return this == LEGACY ? (iface == null ? "" : iface + "#") + "[dtor]" + resource
                : P + "|" + (iface == null ? "" : shortName(iface)) + "|" + resource + "_dtor";
    }

    /** Parses a core import, or returns null when it does not follow this convention. */
    public ImportRef parse(String module, String name) {
        if (this == LEGACY) {
            boolean exported = module.startsWith("[export]");
            String m = exported ? module.substring("[export]".length()) : module;
            String iface = m.equals("$root") ? null : m;
            for (String[] p : new String[][]{{"[resource-drop]", "RESOURCE_DROP"}, {"[resource-new]", "RESOURCE_NEW"},
                    {"[resource-rep]", "RESOURCE_REP"}}) {
                if (name.startsWith(p[0])) return new ImportRef(iface, exported, Intrinsic.valueOf(p[1]), name.substring(p[0].length()));
            }
            return exported ? null : new ImportRef(iface, false, Intrinsic.FUNC, name);
        }
        if (!module.startsWith(P)) return null;
        String rest = module.substring(P.length());
        String iface = rest.isEmpty() ? null : rest.startsWith("|") ? rest.substring(1) : null;
        if (!rest.isEmpty() && iface == null) return null;
        boolean exported = iface != null && iface.startsWith("_ex_");
        if (exported) iface = iface.substring(4);
        if (name.startsWith("[")) return exported ? null : new ImportRef(iface, false, Intrinsic.FUNC, name);
        for (String[] p : new String[][]{{"_drop", "RESOURCE_DROP"}, {"_new", "RESOURCE_NEW"}, {"_rep", "RESOURCE_REP"}}) {
            if (name.endsWith(p[0]) && (exported || p[1].equals("RESOURCE_DROP"))) {
                return new ImportRef(iface, exported, Intrinsic.valueOf(p[1]), name.substring(0, name.length() - p[0].length()));
            }
        }
        return exported ? null : new ImportRef(iface, false, Intrinsic.FUNC, name);
    }

    /** Whether the interface named in a core import refers to the world's interface {@code worldName}. */
    public boolean matches(String importName, String worldName) {
        if (this == STANDARD) return shortName(worldName).equals(importName);
        if (worldName.equals(importName)) return true;
        int at = importName.indexOf('@');
        int wat = worldName.indexOf('@');
        return at > 0 && wat == at && importName.regionMatches(0, worldName, 0, at + 1)
                && compatible(importName.substring(at + 1), worldName.substring(wat + 1));
    }

    /** {@code ns:pkg/iface@1.2.3} → {@code ns:pkg/iface@1}; {@code @0.2.3} → {@code @0.2}; {@code @0.0.3} stays. */
    public static String shortName(String iface) {
        int at = iface.indexOf('@');
        if (at < 0) return iface;
        String[] v = iface.substring(at + 1).split("[.+-]");
        String shortVersion = !v[0].equals("0") ? v[0] : v.length > 1 && !v[1].equals("0") ? "0." + v[1]
                : iface.substring(at + 1);
        return iface.substring(0, at + 1) + shortVersion;
    }

    /** Semver compatibility as wit-component applies it: same major, or same minor when major is 0. */
    static boolean compatible(String a, String b) {
        String[] x = a.split("[.+-]");
        String[] y = b.split("[.+-]");
        if (x.length < 2 || y.length < 2 || !x[0].equals(y[0])) return false;
        return !x[0].equals("0") || x[1].equals(y[1]);
    }
}
