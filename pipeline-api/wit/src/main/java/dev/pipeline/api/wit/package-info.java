/**
 * The resolved WIT model every stage reads, and how to get it.
 *
 * <p>{@link dev.pipeline.api.wit.WitLoader#load(java.nio.file.Path, java.util.Set, boolean)} parses a WIT file or
 * folder (with {@code deps/}) and returns a {@link dev.pipeline.api.wit.Resolve}: packages, interfaces, worlds and
 * named types, each with a stable id (its index). {@link dev.pipeline.api.wit.Resolve#selectWorld(String)} picks the
 * world. Worlds are elaborated: includes merged and every interface an item depends on imported before it. Types are
 * {@link dev.pipeline.api.wit.WitType} values; named ones are {@link dev.pipeline.api.wit.TypeDef}s whose
 * {@link dev.pipeline.api.wit.TypeDefKind} says what they are. A name brought in by {@code use} is an alias
 * definition in the using interface, pointing at the original, so type identity survives {@code use}.
 * Errors are {@link dev.pipeline.api.diag.PipelineException}s with a file:line:col position.
 */
package dev.pipeline.api.wit;
