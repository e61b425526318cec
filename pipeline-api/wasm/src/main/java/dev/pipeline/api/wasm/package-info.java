/**
 * Core WebAssembly modules, read, changed and written without third-party libraries.
 *
 * <ul>
 *   <li>{@link dev.pipeline.api.wasm.ModuleReader#read(byte[], String)} parses a binary into a
 *   {@link dev.pipeline.api.wasm.Module}: plain mutable lists of types, imports, functions, tables, memories, tags,
 *   globals, exports, element and data segments, and custom sections that remember their place. Function bodies stay
 *   raw bytes ({@link dev.pipeline.api.wasm.FunctionBody}), so {@link dev.pipeline.api.wasm.ModuleWriter#write}
 *   of an unmodified module gives back the same bytes, and a 30 MB module takes tens of milliseconds.</li>
 *   <li>{@link dev.pipeline.api.wasm.InstructionReader} decodes instructions on demand (MVP, sign extension,
 *   saturating conversions, bulk memory, reference types, multi-value, tail calls, exception handling, SIMD,
 *   threads); {@link dev.pipeline.api.wasm.ModuleValidator} checks that every body decodes and every index is in
 *   range.</li>
 *   <li>{@link dev.pipeline.api.wasm.ModuleBuilder} creates or extends modules through handles
 *   ({@link dev.pipeline.api.wasm.ModuleBuilder.Ref}) resolved at build time; imports added to a module that already
 *   defines functions or globals renumber the existing code via {@link dev.pipeline.api.wasm.IndexRemapper}.
 *   {@link dev.pipeline.api.wasm.FunctionGc} drops code and function imports nothing live reaches.</li>
 * </ul>
 * Malformed input always ends in a {@link dev.pipeline.api.diag.PipelineException} naming the byte offset.
 */
package dev.pipeline.api.wasm;
