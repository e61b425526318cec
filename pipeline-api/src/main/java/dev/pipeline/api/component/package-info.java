/**
 * Components (the component model binary format): a typed model of sections and types ({@link
 * dev.pipeline.api.component.Component}, {@link dev.pipeline.api.component.TypeDef}), the encoder and decoder, a
 * builder that tracks index spaces, world types and their {@code component-type} custom section, and
 * {@link dev.pipeline.api.component.ComponentNew}, which wraps a core module plus the WASI adapter into a component.
 */
package dev.pipeline.api.component;
