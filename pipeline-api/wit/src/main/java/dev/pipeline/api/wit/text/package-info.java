/** The resolved model written out: as WIT ({@link dev.pipeline.api.wit.text.WitPrinter}) or JSON ({@link dev.pipeline.api.wit.text.WitJson}). */
package dev.pipeline.api.wit.text;
