package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleSummary;

/** A human-readable description of a component: what it embeds, then its world as WIT. */
public final class ComponentSummary {
    private ComponentSummary() {}

    /**
     * Describes a core module {@code bytes} ({@link ModuleSummary}), followed by the worlds its
     * {@code component-type} custom sections carry, printed as WIT.
     */
    public static String describeCoreModule(byte[] bytes, String what) {
        StringBuilder out = new StringBuilder(ModuleSummary.describe(bytes, what));
        for (CustomSection c : ModuleReader.read(bytes, what).customSections) {
            if (c.name().equals("component-type") || c.name().startsWith("component-type:")) {
                out.append("\nworld in custom section \"").append(c.name()).append("\":\n");
                out.append(ComponentWit.decode(WorldEncoding.decode(c.data(), what + " " + c.name())).print());
            }
        }
        return out.toString();
    }

    /** Describes a component {@code bytes}: its core modules, nested components and custom sections, then its world. */
    public static String describe(byte[] bytes, String what) {
        Component c = ComponentDecoder.decode(bytes, what);
        StringBuilder out = new StringBuilder();
        out.append("// component ").append(what).append(" (").append(ModuleSummary.size(bytes.length)).append(")\n");
        int module = 0;
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.CoreModule m) {
                out.append("//   core module ").append(module++).append(": ").append(ModuleSummary.size(m.module().length)).append('\n');
            } else if (s instanceof ComponentSection.Nested n) {
                out.append("//   nested component: ").append(n.component().sections.size()).append(" sections\n");
            } else if (s instanceof ComponentSection.Custom x) {
                out.append("//   custom section \"").append(x.name()).append("\": ").append(ModuleSummary.size(x.data().length)).append('\n');
            }
        }
        out.append('\n');
        try {
            out.append(ComponentWit.print(c));
        } catch (PipelineException e) {
            out.append("// the world cannot be shown: ").append(e.diagnostic().message()).append('\n');
        }
        return out.toString();
    }
}
