package dev.pipeline.jvmhost;

import dev.pipeline.api.component.Component;
import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentSection;
import dev.pipeline.api.wasm.ModuleReader;

import java.util.ArrayList;
import java.util.List;

/**
 * A composition as {@code extensions = "component"} writes it (the shape {@code wac plug} produces): no core module
 * of its own, the app component and its dependency components nested. The app is the nested component pipeline
 * built that carries the Python runtime (the largest); the others are dependencies, each loaded like a component
 * of its own and instantiated before the app, whose imports they export are served by calling into them.
 */
record Composition(byte[] app, List<byte[]> dependencies) {

    /** The parts of a composition, or null when {@code bytes} is not one (then it is loaded as usual). */
    static Composition split(byte[] bytes, String name) {
        if (!ModuleReader.isComponent(bytes)) return null;
        Component c = ComponentDecoder.decode(bytes, name);
        List<Component> nested = new ArrayList<>();
        for (ComponentSection s : c.sections) {
            if (s instanceof ComponentSection.CoreModule) return null;
            if (s instanceof ComponentSection.Nested n) nested.add(n.component());
        }
        if (nested.size() < 2) return null;
        Component app = null;
        long appSize = -1;
        List<byte[]> encoded = new ArrayList<>();
        for (Component n : nested) {
            byte[] b = ComponentEncoder.encode(n);
            encoded.add(b);
            if (PythonComponent.builtByPipeline(n) && b.length > appSize) {
                app = n;
                appSize = b.length;
            }
        }
        if (app == null) return null;
        byte[] appBytes = null;
        List<byte[]> deps = new ArrayList<>();
        for (int i = 0; i < nested.size(); i++) {
            if (nested.get(i) == app) appBytes = encoded.get(i);
            else deps.add(encoded.get(i));
        }
        return new Composition(appBytes, deps);
    }
}
