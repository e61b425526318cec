/** WIT text to syntax tree: lexer, parser and the tree ({@link dev.pipeline.api.wit.syntax.Ast}), before name resolution. */
package dev.pipeline.api.wit.syntax;
