package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;

import java.util.List;

/**
 * A WIT world as a component type, in the layout wit-component reads from {@code component-type:*} custom
 * sections: a component exporting, under the world's name, a component type whose only export is the world's
 * qualified name ({@code ns:pkg/world@version}) typed by the world's own component type.
 */
public final class WorldEncoding {
    private WorldEncoding() {}

    /** The version of the wit-component metadata encoding written into the section. */
    public static final int ENCODING_VERSION = 4;

    /** A decoded world: its qualified name ({@code ns:pkg/world@v}) and its component type. */
    public record World(String qualifiedName, DefType.ComponentType type) {
        /** The world's short name ({@code hello} for {@code test:hello/hello@1.0.0}). */
        public String name() {
            String n = qualifiedName.substring(qualifiedName.lastIndexOf('/') + 1);
            int at = n.indexOf('@');
            return at < 0 ? n : n.substring(0, at);
        }
    }

    /** The component that describes {@code world}, as wit-component writes it. */
    public static Component component(World world) {
        DefType.ComponentType wrapper = new DefType.ComponentType(List.of(
                new Declarator.Type(world.type()),
                new Declarator.Export(ExternName.of(world.qualifiedName()), ExternType.component(0))));
        Component c = new Component();
        c.sections.add(new ComponentSection.Custom("wit-component-encoding", new byte[]{ENCODING_VERSION, 0}));
        c.sections.add(new ComponentSection.Types(List.of(wrapper)));
        c.sections.add(new ComponentSection.Exports(List.of(
                new ComponentSection.Export(ExternName.of(world.name()), Sort.TYPE, 0, null))));
        return c;
    }

    /** The payload of the {@code component-type:<name>} custom section for {@code world}. */
    public static byte[] customSection(World world) { return ComponentEncoder.encode(component(world)); }

    /** The conventional custom section name for a world. */
    public static String sectionName(World world) { return "component-type:" + world.name(); }

    /** Reads the world out of a {@code component-type:*} custom section payload. */
    public static World decode(byte[] payload, String what) {
        Component c = ComponentDecoder.decode(payload, what);
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.Types t) {
                for (DefType def : t.types()) {
                    if (!(def instanceof DefType.ComponentType wrapper)) continue;
                    DefType.ComponentType world = null;
                    String name = null;
                    for (Declarator d : wrapper.declarators()) {
                        if (d instanceof Declarator.Type dt && dt.def() instanceof DefType.ComponentType ct) world = ct;
                        if (d instanceof Declarator.Export e && e.type().sort() == Sort.COMPONENT) name = e.name().name();
                    }
                    if (world != null && name != null) return new World(name, world);
                }
            }
        }
        throw new PipelineException(what + ": no world type found in the component-type section");
    }
}
