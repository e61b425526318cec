package dev.pipeline.distro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipeline call} as a user runs it: WAVE in, WAVE out, imports shown or trapping, traps with tracebacks. */
class CallCommandTest {
    @TempDir Path dir;

    @Test
    void helloFromTheRecipeBuildsThenCalls() throws IOException {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/hello"), dir.resolve("hello"));
        Pipeline.Result r = Pipeline.run(p, "call", "recipe.toml", "greet", "\"world\"");
        assertEquals(0, r.code(), r::toString);
        assertEquals("\"Hello, world!\"\n", r.out(), r::toString);
        assertTrue(r.err().contains("log(\"greeting world\")"), r::toString);

        r = Pipeline.run(p, "call", "build/hello.wasm", "greet", "\"say \\\"hi\\\"\\tnow\"");
        assertEquals(0, r.code(), r::toString);
        assertEquals("\"Hello, say \\\"hi\\\"\\tnow!\"\n", r.out(), r::toString);

        r = Pipeline.run(p, "call", "build/hello.wasm", "--list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("greet: func(name: string) -> string"), r::toString);
        assertTrue(r.out().contains("log: func(message: string)"), r::toString);
    }

    @Test
    void recordsVariantsFlagsOptionsAndResults() throws IOException {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/orders").toAbsolutePath(), dir.resolve("orders"));
        Pipeline.Result built = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, built.code(), built::toString);
        String wasm = "build/orders.wasm";
        String items = "[{name: \"a\", price-cents: 1000, tags: []}, {name: \"b\", price-cents: 500, tags: [\"x\", \"y\"]}]";

        Pipeline.Result r = Pipeline.run(p, "call", wasm, "shop.total", items, "percent(10)");
        assertEquals(0, r.code(), r::toString);
        assertEquals("ok(1350)\n", r.out(), r::toString);
        assertTrue(r.err().contains("log(\"total of 2 items: 1350\")"), r::toString);

        r = Pipeline.run(p, "call", wasm, "test:orders/shop@0.1.0#total", "[]", "%none");
        assertEquals(0, r.code(), r::toString);
        assertEquals("err(\"no items\")\n", r.out(), r::toString);

        r = Pipeline.run(p, "call", wasm, "shop.cheapest", items);
        assertEquals("some({name: \"b\", price-cents: 500, tags: [\"x\", \"y\"]})\n", r.out(), r::toString);
        r = Pipeline.run(p, "call", wasm, "shop.cheapest", "[]");
        assertEquals("none\n", r.out(), r::toString);

        r = Pipeline.run(p, "call", wasm, "shop.describe", "large", "{express, gift-wrap}");
        assertEquals("\"large express+gift_wrap\"\n", r.out(), r::toString);
    }

    @Test
    void javaImplementationsOfImportsComeFromAJar() throws Exception {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/orders").toAbsolutePath(), dir.resolve("orders"));
        Pipeline.Result built = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, built.code(), built::toString);
        Path src = dir.resolve("src/RateImports.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                import dev.pipeline.jvmhost.*;
                public class RateImports implements ImportProvider {
                    public Imports imports(PythonComponent c) {
                        return Imports.builder()
                                .function("rate", a -> a[0].equals("EUR") ? 1.25 : 2.0)
                                .function("log", a -> { System.err.println("java log: " + a[0]); return null; })
                                .build();
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString()));
        Path jar = dir.resolve("rates.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("RateImports.class"));
            out.write(Files.readAllBytes(classes.resolve("RateImports.class")));
            out.closeEntry();
        }

        Pipeline.Result r = Pipeline.run(p, "call", "build/orders.wasm", "shop.convert", "250", "\"EUR\"", "--imports", jar + ":RateImports");
        assertEquals(0, r.code(), r::toString);
        assertEquals("3.125\n", r.out(), r::toString);
        r = Pipeline.run(p, "call", "build/orders.wasm", "--imports", jar + ":RateImports", "shop.total",
                "[{name: \"a\", price-cents: 100, tags: []}]", "fixed(30)");
        assertEquals("ok(70)\n", r.out(), r::toString);
        assertTrue(r.err().contains("java log: total of 1 items: 70"), r::toString);
    }

    @Test
    void trapsAndBadInputGiveClearErrors() throws IOException {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/orders").toAbsolutePath(), dir.resolve("orders"));
        Pipeline.Result built = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, built.code(), built::toString);
        String wasm = "build/orders.wasm";

        Pipeline.Result r = Pipeline.run(p, "call", wasm, "shop.explode", "\"kaboom\"");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("Traceback (most recent call last)"), r::toString);
        assertTrue(r.err().contains("ValueError: kaboom"), r::toString);
        assertTrue(r.err().contains("`shop.explode` trapped"), r::toString);
        assertEquals("", r.out());

        r = Pipeline.run(p, "call", wasm, "shop.convert", "250", "\"EUR\"");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("`rate`") && r.err().contains("--imports"), r::toString);

        r = Pipeline.run(p, "call", wasm, "shop.totl", "[]", "%none");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("no export `shop.totl`") && r.err().contains("shop.total"), r::toString);

        r = Pipeline.run(p, "call", wasm, "shop.describe", "large");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("takes 2 arguments, got 1"), r::toString);

        r = Pipeline.run(p, "call", wasm, "shop.total", "[{name: \"a\" price-cents: 1, tags: []}]", "%none");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("argument 1") && r.err().contains("column 13"), r::toString);
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r);
    }
}
