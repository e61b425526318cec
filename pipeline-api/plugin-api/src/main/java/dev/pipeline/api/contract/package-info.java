/**
 * The files one stage hands to another, one record per file: its name, its fields, and how it is read and written.
 * A strategy that writes one of these files writes it through its record, so every reader sees the same shape
 * (docs/stage-contracts.md lists which stage writes which file).
 */
package dev.pipeline.api.contract;
