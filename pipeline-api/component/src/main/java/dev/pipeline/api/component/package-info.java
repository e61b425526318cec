/**
 * Components in the component model binary format.
 *
 * <ul>
 *   <li>Model: a {@link dev.pipeline.api.component.Component} is its list of
 *   {@link dev.pipeline.api.component.ComponentSection}s; types are {@link dev.pipeline.api.component.DefType}s
 *   (records, variants, lists, …, functions, component and instance types made of
 *   {@link dev.pipeline.api.component.Declarator}s, resources). {@link dev.pipeline.api.component.ComponentEncoder}
 *   and {@link dev.pipeline.api.component.ComponentDecoder} convert between model and bytes; components made by
 *   wasm-tools round-trip byte for byte.</li>
 *   <li>Building: {@link dev.pipeline.api.component.ComponentBuilder} appends definitions and returns their indices
 *   (types, imports, aliases, core modules and instances, {@code canon lift/lower/resource.*}, nested components,
 *   exports); {@link dev.pipeline.api.component.TypeScopeBuilder} does the same inside component and instance types.
 *   </li>
 *   <li>Worlds: {@link dev.pipeline.api.component.WorldEncoding} writes and reads the {@code component-type} custom
 *   section wit-component uses to carry a world in a core module.</li>
 *   <li>{@link dev.pipeline.api.component.ComponentNew}: a core module with its world (legacy or {@code cm32p2} core
 *   names, see {@link dev.pipeline.api.component.CoreNames}) plus the WASI preview1 adapter become a component:
 *   world and WASI imports are imported and lowered, the cycles between main module and adapter go through a shim
 *   module's table that a fixup module fills after both are instantiated (the fixup also calls the initialiser),
 *   exports are lifted, exported interfaces are re-exported through a small nested component so their types are
 *   named. {@link dev.pipeline.api.component.AdapterModule} trims the adapter to what the main module uses.</li>
 *   <li>Reading a component back: {@link dev.pipeline.api.component.ComponentWit} decodes its types (or a world in a
 *   {@code component-type} section) into the resolved WIT model of {@code dev.pipeline.api.wit}, which prints it,
 *   compares it and computes its canonical ABI; {@link dev.pipeline.api.component.TypeScope} resolves the binary's
 *   type indices on the way, and {@link dev.pipeline.api.component.DefType} is a type as the binary defines it.</li>
 * </ul>
 */
package dev.pipeline.api.component;
