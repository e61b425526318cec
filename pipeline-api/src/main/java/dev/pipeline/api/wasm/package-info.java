/**
 * Core WebAssembly modules: a plain model ({@link dev.pipeline.api.wasm.Module}), a reader and writer that round-trip
 * byte for byte, an on-demand instruction decoder, and a builder that resolves indices itself.
 */
package dev.pipeline.api.wasm;
