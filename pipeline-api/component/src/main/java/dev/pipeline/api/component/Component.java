package dev.pipeline.api.component;

import java.util.ArrayList;
import java.util.List;

/** A component as its ordered list of sections; {@link ComponentEncoder} and {@link ComponentDecoder} convert it. */
public final class Component {
    public final List<ComponentSection> sections = new ArrayList<>();

    public Component() {}

    public Component(List<ComponentSection> sections) { this.sections.addAll(sections); }
}
