package dev.pipeline.plugins.dynamic;

import dev.pipeline.api.descriptor.WorldDescriptor;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.world.WorldFunction;
import dev.pipeline.api.world.WorldView;
import dev.pipeline.api.world.WorldResource;

/**
 * Descriptor names for dynamic values: WIT names as they are (record keys, case and flag names), no classes, and
 * every export routed through the registry object of the fixed {@code wit_dynamic} module.
 */
final class DynamicNaming implements WorldDescriptor.Naming {
    /** The fixed module the app imports. */
    static final String MODULE = "wit_dynamic";
    /**
     * The registry as the runtime resolves it at initialisation; reading {@code _checked} verifies that every
     * world export has an implementation, so a missing one fails pre-initialisation (or the first call).
     */
    static final String REGISTRY = MODULE + ":_exports._checked";

    private final WorldView view;

    DynamicNaming(WorldView view) {
        this.view = view;
    }

    /** The name an app uses for a world function: {@code greet} or {@code ns:pkg/iface@1.0.0#greet}. */
    static String fullName(WorldFunction f) {
        return WorldView.describe(f);
    }

    @Override public String typeClass(TypeDef def) { return ""; }
    @Override public String variantCase(TypeDef def, TypeDefKind.Case c) { return c.name(); }
    @Override public String field(TypeDefKind.Field f) { return f.name(); }
    @Override public String label(TypeDefKind.Label l) { return l.name(); }
    @Override public String resourceClass(WorldResource r) { return ""; }
    @Override public String param(String witName) { return witName; }

    @Override
    public String exportTarget(WorldFunction f) {
        WitFunction.Kind kind = f.function().kind();
        if (kind == WitFunction.Kind.METHOD) return "";
        if (kind == WitFunction.Kind.CONSTRUCTOR) {
            // called directly by the runtime: the registry hands out the constructor of resource <index>
            return REGISTRY + ".new:" + view.resourceOf(f.function().resource()).index();
        }
        return REGISTRY;
    }

    @Override
    public String exportMethod(WorldFunction f) {
        // methods are looked up on the app's object: the registry installs this attribute on the registered class
        if (f.function().kind() == WitFunction.Kind.METHOD) return f.name();
        if (f.function().kind() == WitFunction.Kind.CONSTRUCTOR) return "";
        return "export:" + fullName(f);
    }
}
