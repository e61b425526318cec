package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Composition of components wasm-tools made from WIT worlds: structure and type checks, validated by jco. */
class ComposerTest {
    static final String WIT = """
            package test:dep;

            interface types {
                record span { start: u32, len: u32 }
            }

            interface checksum {
                use types.{span};
                crc32c: func(data: list<u8>, value: u32) -> u32;
                window: func(data: list<u8>, at: span) -> option<span>;
            }

            interface other {
                crc32c: func(data: list<u8>) -> u64;
            }

            interface log {
                write: func(line: string);
            }

            interface api {
                use types.{span};
                record page { title: string, spans: list<span> }
                render: func(p: page) -> result<string, string>;
            }

            world app {
                import checksum;
                export api;
                import log;
                import wasi:cli/environment@0.2.0;
                export run: func(data: list<u8>) -> u32;
            }

            world dep {
                import log;
                import wasi:random/random@0.2.0;
                export checksum;
            }

            world wrong {
                export other;
            }

            world mismatch {
                export checksum2: interface {
                    crc32c: func(data: list<u8>, value: u64) -> u32;
                }
            }
            """;

    static JcoOracle jco;

    @BeforeAll
    static void start() { jco = new JcoOracle(); }

    @AfterAll
    static void stop() { jco.close(); }

    @Test
    void aDependencySatisfiesTheAppsImportAndSharesItsOwnImports() {
        String src = nested();
        byte[] app = jco.dummyComponent(src, "app");
        byte[] dep = jco.dummyComponent(src, "dep");
        Composer.Result r = Composer.compose(app, "app.wasm", List.of(new Composer.Dependency("dep.wasm", dep)));
        assertEquals("dep.wasm", r.satisfied().get("test:dep/checksum"));
        String wit = jco.componentWit(r.component());
        assertFalse(wit.contains("import test:dep/checksum"), wit);
        assertTrue(wit.contains("import test:dep/log;"), wit);
        assertTrue(wit.contains("import wasi:cli/environment@0.2.0;"), wit);
        assertTrue(wit.contains("import wasi:random/random@0.2.0;"), wit);
        assertTrue(wit.contains("export run: func(data: list<u8>) -> u32;"), wit);
        // an exported interface with records of another interface's types is re-exported with its types
        assertTrue(wit.contains("export test:dep/api;"), wit);
        // the log import of app and dependency is one import
        assertEquals(wit.indexOf("import test:dep/log;"), wit.lastIndexOf("import test:dep/log;"), wit);
    }

    @Test
    void aDependencyThatSatisfiesNothingIsAnErrorListingBothSides() {
        String src = nested();
        PipelineException e = assertThrows(PipelineException.class, () -> Composer.compose(jco.dummyComponent(src, "app"),
                "app.wasm", List.of(new Composer.Dependency("wrong.wasm", jco.dummyComponent(src, "wrong")))));
        assertTrue(e.getMessage().contains("wrong.wasm satisfies none of the app's imports: it exports `test:dep/other`"), e.getMessage());
        assertTrue(e.getMessage().contains("test:dep/checksum"), e.getMessage());
    }

    @Test
    void aFunctionOfADifferentTypeIsAnErrorNamingImportFunctionAndBothTypes() {
        String app = nested();
        String dep = app.replace("crc32c: func(data: list<u8>, value: u32) -> u32;", "crc32c: func(data: list<u8>, value: u64) -> u32;");
        PipelineException e = assertThrows(PipelineException.class, () -> Composer.compose(jco.dummyComponent(app, "app"),
                "app.wasm", List.of(new Composer.Dependency("dep.wasm", jco.dummyComponent(dep, "dep")))));
        assertTrue(e.getMessage().endsWith("import `test:dep/checksum`, function `crc32c`: the app expects `func(data: list<u8>, value: u32) -> u32`, "
                + "dep.wasm exports `func(data: list<u8>, value: u64) -> u32`"), e.getMessage());
        String rec = app.replace("record span { start: u32, len: u32 }", "record span { start: u32, length: u32 }");
        e = assertThrows(PipelineException.class, () -> Composer.compose(jco.dummyComponent(app, "app"),
                "app.wasm", List.of(new Composer.Dependency("dep.wasm", jco.dummyComponent(rec, "dep")))));
        assertTrue(e.getMessage().contains("function `window`: the app expects `func(data: list<u8>, at: record { start: u32, len: u32 }) -> option<record { start: u32, len: u32 }>`"), e.getMessage());
        String missing = app.replace("window: func(data: list<u8>, at: span) -> option<span>;", "");
        e = assertThrows(PipelineException.class, () -> Composer.compose(jco.dummyComponent(app, "app"),
                "app.wasm", List.of(new Composer.Dependency("dep.wasm", jco.dummyComponent(missing, "dep")))));
        assertTrue(e.getMessage().endsWith("import `test:dep/checksum`: dep.wasm does not export the function `window` (it exports `crc32c`)"), e.getMessage());
    }

    /** The WIT with the WASI packages nested in the same source. */
    static String nested() {
        return WIT + "\npackage wasi:cli@0.2.0 {\n  interface environment { get-environment: func() -> list<tuple<string, string>>; }\n}\n"
                + "package wasi:random@0.2.0 {\n  interface random { get-random-u64: func() -> u64; }\n}\n";
    }
}
