/**
 * The component model's canonical ABI over the resolved WIT model: memory layout (size, alignment, offsets) and
 * flattening of values and function signatures to core WebAssembly types ({@link dev.pipeline.api.abi.CanonicalAbi}).
 */
package dev.pipeline.api.abi;
