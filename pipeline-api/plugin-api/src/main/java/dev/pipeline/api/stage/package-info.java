/**
 * The stage extension points. Each stage's strategies write files into their output folder; the file layout
 * each stage promises to the next is described in docs/stage-contracts.md.
 */
package dev.pipeline.api.stage;
