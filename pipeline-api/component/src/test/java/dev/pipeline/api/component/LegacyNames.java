package dev.pipeline.api.component;

import dev.pipeline.api.wasm.Export;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Module;

import java.util.ArrayList;
import java.util.List;

/** Renames a core module from the standard {@code cm32p2} names to the legacy wit-bindgen ones (a test fixture). */
final class LegacyNames {
    private LegacyNames() {}

    static void rename(Module m) {
        WorldEncoding.World world = ComponentNew.worldOf(m, "module");
        List<String> interfaces = new ArrayList<>();
        for (Declarator d : world.type().declarators()) {
            if (d instanceof Declarator.Import i && i.type().sort() == Sort.INSTANCE) interfaces.add(i.name().name());
            if (d instanceof Declarator.Export e && e.type().sort() == Sort.INSTANCE) interfaces.add(e.name().name());
        }
        for (int i = 0; i < m.imports.size(); i++) {
            Import imp = m.imports.get(i);
            String module = imp.module();
            String name = imp.name();
            if (module.equals("cm32p2")) {
                module = "$root";
                if (name.endsWith("_drop") && !name.startsWith("[")) name = "[resource-drop]" + name.substring(0, name.length() - 5);
            } else if (module.startsWith("cm32p2|_ex_")) {
                module = "[export]" + full(interfaces, module.substring("cm32p2|_ex_".length()));
                name = intrinsic(name);
            } else if (module.startsWith("cm32p2|")) {
                module = full(interfaces, module.substring("cm32p2|".length()));
                if (name.endsWith("_drop") && !name.startsWith("[")) name = "[resource-drop]" + name.substring(0, name.length() - 5);
            }
            m.imports.set(i, new Import(module, name, imp.kind(), imp.typeIndex(), imp.table(), imp.memory(), imp.global()));
        }
        for (int i = 0; i < m.exports.size(); i++) {
            Export e = m.exports.get(i);
            m.exports.set(i, new Export(export(interfaces, e.name()), e.kind(), e.index()));
        }
    }

    private static String intrinsic(String name) {
        for (String s : new String[]{"drop", "new", "rep"}) {
            if (name.endsWith("_" + s)) return "[resource-" + s + "]" + name.substring(0, name.length() - s.length() - 1);
        }
        return name;
    }

    private static String export(List<String> interfaces, String name) {
        switch (name) {
            case "cm32p2_memory": return "memory";
            case "cm32p2_realloc": return "cabi_realloc";
            case "cm32p2_initialize": return "_initialize";
            default: break;
        }
        if (!name.startsWith("cm32p2|")) return name;
        String rest = name.substring("cm32p2|".length());
        int bar = rest.indexOf('|');
        String iface = rest.substring(0, bar);
        String func = rest.substring(bar + 1);
        boolean post = func.endsWith("_post");
        if (post) func = func.substring(0, func.length() - 5);
        String core;
        if (func.endsWith("_dtor") && !func.startsWith("[")) {
            core = full(interfaces, iface) + "#[dtor]" + func.substring(0, func.length() - 5);
        } else {
            core = iface.isEmpty() ? func : full(interfaces, iface) + "#" + func;
        }
        return post ? "cabi_post_" + core : core;
    }

    private static String full(List<String> interfaces, String shortName) {
        for (String i : interfaces) if (CoreNames.shortName(i).equals(shortName)) return i;
        throw new IllegalArgumentException("no interface " + shortName);
    }
}
