package dev.pipeline.distro;

import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apps written for componentize-py, laid out the way its examples are (a {@code wit/} folder whose root package is
 * not the world's, WASI 0.2.0 packages under {@code wit/deps/<name>-0.2.0/}, the world named in full), built with
 * {@code pipeline componentize} and its options, and run in node through jco.
 */
class ComponentizePyCompatTest extends ComponentTest {
    Path project;

    /** componentize-py's wit/ layout: WASI 0.2.0 under deps/, a root package with a world of its own. */
    @BeforeEach
    void witFolder() throws IOException {
        project = dir.resolve("example");
        Path wasi = TestTools.nodeModules().resolve("@bytecodealliance/jco/lib/wit/builtin/0.2.12");
        for (String pkg : List.of("cli", "io", "clocks", "filesystem", "random", "sockets", "http")) {
            Path target = project.resolve("wit/deps/" + pkg + "-0.2.0");
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(wasi.resolve("wasi-" + pkg))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".wit")).toList()) {
                    // the same packages at version 0.2.0, as componentize-py vendors them
                    Files.writeString(target.resolve(f.getFileName().toString()), Files.readString(f).replace("@0.2.12", "@0.2.0"));
                }
            }
        }
        Files.writeString(project.resolve("wit/init.wit"), """
                package componentize-py:init;

                world init {
                    import wasi:cli/environment@0.2.0;
                }
                """);
        Files.writeString(project.resolve("wit/matrix-math.wit"), """
                world matrix-math {
                  include wasi:cli/command@0.2.0;

                  export multiply: func(a: list<list<f64>>, b: list<list<f64>>) -> result<list<list<f64>>, string>;
                }
                """);
    }

    @Test
    void cliExampleBuildsWithItsOwnCommandLine() throws IOException {
        Files.writeString(project.resolve("app.py"), """
                from wit_world import exports

                class Run(exports.Run):
                    def run(self) -> None:
                        print("Hello, world!")
                """);
        Pipeline.Result r = Pipeline.run(project, "componentize", "-d", "wit", "-w", "wasi:cli/command@0.2.0", "app", "-o", "cli.wasm");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(project.resolve("cli.wasm"));
        assertTrue(jco.componentWit(component).contains("export wasi:cli/run@0.2.0;"));
        String out = jco.transpileAndRun(component, "cli", "component.run.run();\n");
        assertEquals("Hello, world!", out.strip());

        // componentize-py's order: the common options before the subcommand; same component (cached, reproducible)
        Pipeline.Result again = Pipeline.run(project, "-d", "wit", "-w", "wasi:cli/command@0.2.0", "componentize", "app", "-o", "cli2.wasm");
        assertEquals(0, again.code(), again::toString);
        assertTrue(java.util.Arrays.equals(component, Files.readAllBytes(project.resolve("cli2.wasm"))));
    }

    @Test
    void argvExitAndEnvironmentAtRunTime() throws IOException {
        Files.writeString(project.resolve("app.py"), """
                import sys, os
                import wit_world
                from wit_world import exports

                BUILD_ARGV = list(sys.argv)

                class WitWorld(wit_world.WitWorld):
                    def multiply(self, a, b):
                        return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]

                class Run(exports.Run):
                    def run(self) -> None:
                        print("argv", sys.argv, "build", BUILD_ARGV)
                        print("builtins", callable(exit), callable(quit), type(help).__name__, type(license).__name__)
                        print("env", os.environ.get("GREETING"))
                        args = sys.argv[1:]
                        if len(args) != 2:
                            print("usage: matrix-math <matrix> <matrix>", file=sys.stderr)
                            exit(-1)
                        print(WitWorld().multiply(eval(args[0]), eval(args[1])))
                """);
        Pipeline.Result r = Pipeline.run(project, "componentize", "-d", "wit", "-w", "matrix-math", "app", "-o", "mm.wasm");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(project.resolve("mm.wasm"));
        String out = jco.transpileAndRun(component, "mm", """
                import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';
                _setArgs(['matrix-math', '[[1, 2], [4, 5], [6, 7]]', '[[1, 2, 3], [4, 5, 6]]']);
                _setEnv({ GREETING: 'hi' });
                component.run.run();
                console.log(JSON.stringify(component.multiply([[1, 2]], [[3], [4]]).map((row) => Array.from(row))));
                """);
        assertTrue(out.contains("argv ['matrix-math', '[[1, 2], [4, 5], [6, 7]]', '[[1, 2, 3], [4, 5, 6]]'] build ["), out);
        assertTrue(out.contains("builtins True True _Helper _Printer"), out);
        assertTrue(out.contains("env hi"), out);
        assertTrue(out.contains("[[9, 12, 15], [24, 33, 42], [34, 47, 60]]"), out);
        assertTrue(out.contains("[[11]]"), out);
    }

    @Test
    void exitWithAStatusEndsTheRun() throws IOException {
        Files.writeString(project.resolve("app.py"), """
                import sys
                from wit_world import exports

                class Run(exports.Run):
                    def run(self) -> None:
                        print("usage: app <x>", file=sys.stderr)
                        exit(3)
                """);
        Pipeline.Result r = Pipeline.run(project, "componentize", "-d", "wit", "-w", "wasi:cli/command@0.2.0", "app");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(project.resolve("index.wasm")), "componentize-py's default output is index.wasm");
        String out = jco.transpileAndRun(Files.readAllBytes(project.resolve("index.wasm")), "ex", Map.of(), Map.of(), """
                process.on('exit', (code) => { console.log('exit code ' + code); process.exitCode = 0; });
                component.run.run();
                console.log('not reached');
                """, true);
        assertTrue(out.contains("usage: app <x>"), out);
        // WASI 0.2's exit carries success or failure, not the number
        assertTrue(out.contains("exit code 1"), out);
        assertFalse(out.contains("not reached"), out);
    }

    @Test
    void worldModuleRenamesTheBindingsPackage() throws IOException {
        Files.writeString(project.resolve("app.py"), """
                import my_world
                from my_world import exports

                class Run(exports.Run):
                    def run(self) -> None:
                        print("bindings package", my_world.__name__)
                """);
        Pipeline.Result r = Pipeline.run(project, "componentize", "-d", "wit", "-w", "wasi:cli/command@0.2.0",
                "--world-module", "my_world", "app", "-o", "wm.wasm", "--recipe-out", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        String out = jco.transpileAndRun(Files.readAllBytes(project.resolve("wm.wasm")), "wm", "component.run.run();\n");
        assertEquals("bindings package my_world", out.strip());
        String recipe = Files.readString(project.resolve("recipe.toml"));
        assertTrue(recipe.contains("world-module = \"my_world\""), recipe);
        assertTrue(recipe.contains("world = \"wasi:cli/command@0.2.0\""), recipe);

        // the recipe it wrote builds the same component
        Files.writeString(project.resolve("recipe.toml"), recipe.replace("\"wm.wasm\"", "\"wm2.wasm\""));
        Pipeline.Result run = Pipeline.run(project, "run", "recipe.toml");
        assertEquals(0, run.code(), run::toString);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(project.resolve("wm.wasm")), Files.readAllBytes(project.resolve("wm2.wasm"))));

        // `pipeline bindings` with componentize-py's options writes the renamed package
        Pipeline.Result b = Pipeline.run(project, "-d", "wit", "-w", "wasi:cli/command@0.2.0", "--world-module", "my_world",
                "bindings", "stubs-out");
        assertEquals(0, b.code(), b::toString);
        assertTrue(Files.isRegularFile(project.resolve("stubs-out/my_world/__init__.py")), b::toString);
        assertTrue(Files.isRegularFile(project.resolve("stubs-out/componentize_py_types.py")), b::toString);
    }

    @Test
    void stubWasiImportsNothingButTheWorld() throws IOException {
        Path sandbox = dir.resolve("sandbox");
        Files.createDirectories(sandbox);
        Files.writeString(sandbox.resolve("sandbox.wit"), """
                package local:sandbox;

                world sandbox {
                  export eval: func(expression: string) -> result<string, string>;
                  export exec: func(statements: string) -> result<_, string>;
                }
                """);
        Files.writeString(sandbox.resolve("guest.py"), """
                import wit_world
                from componentize_py_types import Err
                import json


                def handle(e: Exception) -> Err[str]:
                    message = str(e)
                    if message == "":
                        return Err(f"{type(e).__name__}")
                    else:
                        return Err(f"{type(e).__name__}: {message}")


                class WitWorld(wit_world.WitWorld):
                    def eval(self, expression: str) -> str:
                        try:
                            return json.dumps(eval(expression))
                        except Exception as e:
                            raise handle(e)

                    def exec(self, statements: str) -> None:
                        try:
                            exec(statements)
                        except Exception as e:
                            raise handle(e)
                """);
        for (String init : List.of("chicory", "none")) {
            Files.writeString(sandbox.resolve("recipe.toml"), "[app]\nmodule = \"guest\"\nwit = \"sandbox.wit\"\nstub-wasi = true\n"
                    + "output = \"sandbox-" + init + ".wasm\"\n[pipeline]\ninit = \"" + init + "\"\n");
            Pipeline.Result r = Pipeline.run(sandbox, "run", "recipe.toml");
            assertEquals(0, r.code(), r::toString);
            byte[] component = Files.readAllBytes(sandbox.resolve("sandbox-" + init + ".wasm"));
            Pipeline.Result inspect = Pipeline.run(sandbox, "inspect", "sandbox-" + init + ".wasm");
            assertEquals(0, inspect.code(), inspect::toString);
            assertFalse(inspect.out().contains("import"), inspect.out());
            assertFalse(jco.componentWit(component).contains("wasi:"), jco.componentWit(component));
            String out = jco.transpileAndRun(component, "sandbox-" + init, """
                    console.log(component.eval('2 + 2'));
                    component.exec('global foo\\ndef foo(): return 42');
                    console.log(component.eval('foo()'));
                    try { component.eval('1/0'); } catch (e) { console.log('err', e.payload); }
                    component.exec('print("dropped")');
                    try { component.exec('import time; time.time()'); } catch (e) { console.log('err', e.payload); }
                    console.log(component.eval('len(__import__("os").urandom(8)) == 8'));
                    """);
            assertTrue(out.contains("4\n42\nerr ZeroDivisionError: division by zero\n"), out);
            assertFalse(out.contains("dropped"), out);
            assertTrue(out.contains("err OSError"), out);
            assertTrue(out.contains("\ntrue"), out);
        }
    }

    @Test
    void anInterfaceBothImportedAndExportedHasBothSides() throws IOException {
        Path p = dir.resolve("echo");
        Files.createDirectories(p.resolve("wit"));
        Files.writeString(p.resolve("wit/tests.wit"), """
                package componentize-py:test;

                interface simple-import-and-export {
                    foo: func(v: u32) -> u32;
                }

                interface resource-import-and-export {
                    resource thing {
                        constructor(v: u32);
                        foo: func() -> u32;
                        bar: func(v: u32);
                        baz: static func(a: thing, b: thing) -> thing;
                    }
                    record pair { a: u32, b: string }
                    swap: func(p: pair) -> pair;
                }

                world tests {
                    import simple-import-and-export;
                    export simple-import-and-export;
                    import resource-import-and-export;
                    export resource-import-and-export;
                }
                """);
        // the shape of componentize-py's own test app: the export forwards to the import
        Files.writeString(p.resolve("app.py"), """
                import wit_world
                from wit_world import exports
                from wit_world.imports import simple_import_and_export as imported
                from wit_world.imports import resource_import_and_export as imported_res
                from wit_world.exports import resource_import_and_export as exported_res

                class SimpleImportAndExport(exports.SimpleImportAndExport):
                    def foo(self, v: int) -> int:
                        return imported.foo(v) + 3

                class ResourceImportAndExport(exports.ResourceImportAndExport):
                    def swap(self, p: exported_res.Pair) -> exported_res.Pair:
                        assert type(p) is exported_res.Pair and exported_res.Pair is not imported_res.Pair
                        q = imported_res.swap(imported_res.Pair(p.a, p.b))
                        return exported_res.Pair(q.a + 1, q.b + "!")
                """);
        Files.writeString(p.resolve("resource_import_and_export.py"), """
                from wit_world.exports import resource_import_and_export as exported
                from wit_world.imports import resource_import_and_export as imported

                class Thing(exported.Thing):
                    def __init__(self, v: int):
                        self.inner = imported.Thing(v + 1)

                    def foo(self) -> int:
                        return self.inner.foo() + 2

                    def bar(self, v: int) -> None:
                        self.inner.bar(v + 3)

                    @staticmethod
                    def baz(a: "Thing", b: "Thing") -> "Thing":
                        t = Thing(0)
                        t.inner = imported.Thing.baz(a.inner, b.inner)
                        return t
                """);
        Pipeline.Result r = Pipeline.run(p, "componentize", "-d", "wit", "-w", "tests", "app", "-o", "echo.wasm");
        assertEquals(0, r.code(), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("echo.wasm"));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import componentize-py:test/simple-import-and-export;"), wit);
        assertTrue(wit.contains("export componentize-py:test/simple-import-and-export;"), wit);
        assertTrue(wit.contains("export componentize-py:test/resource-import-and-export;"), wit);
        String host = """
                export function foo(v) { return v * 10; }
                export function swap(p) { return { a: p.a * 2, b: p.b.split('').reverse().join('') }; }
                export class Thing {
                  constructor(v) { this.v = v; }
                  foo() { return this.v; }
                  bar(v) { this.v = v; }
                  static baz(a, b) { return new Thing(a.v + b.v); }
                }
                """;
        String out = jco.transpileAndRun(component, "echo",
                Map.of("componentize-py:test/simple-import-and-export", "./host.js",
                        "componentize-py:test/resource-import-and-export", "./host.js"),
                Map.of("host.js", host), """
                const s = component.simpleImportAndExport, r = component.resourceImportAndExport;
                console.log(s.foo(4));
                console.log(JSON.stringify(r.swap({ a: 5, b: 'abc' })));
                const t = new r.Thing(7);
                console.log(t.foo());
                t.bar(10);
                console.log(t.foo());
                console.log(r.Thing.baz(new r.Thing(1), new r.Thing(2)).foo());
                """);
        assertEquals("43\n{\"a\":11,\"b\":\"cba!\"}\n10\n15\n7", out.strip(), out);
    }
}
