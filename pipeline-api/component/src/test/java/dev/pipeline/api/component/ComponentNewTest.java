package dev.pipeline.api.component;

import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wasm.SectionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wasm.FuncType;

class ComponentNewTest {

    @Test
    void wasmToolsReadsOurComponentTypeSectionAsTheWorldWeEncoded() {
        byte[] core = TestComponents.helloCore(false);
        String theirs = jco.componentWit(jco.componentNew(core));
        String ours = jco.componentWit(ComponentNew.encode(core, null));
        assertEquals(theirs, ours);
        assertTrue(ours.contains("export greet: func(name: string) -> string;"), ours);
        assertTrue(ours.contains("import test:hello/host@0.1.0;"), ours);
        // and our own printer agrees on the world
        assertEquals(WorldOracleTest.worldBlock(ours),
                WorldOracleTest.worldBlock(ComponentWit.print(ComponentDecoder.decode(ComponentNew.encode(core, null), "hello"))));
    }

    static JcoOracle jco;

    @BeforeAll
    static void start() { jco = new JcoOracle(); }

    @AfterAll
    static void stop() { jco.close(); }

    static byte[] withWorld(Path wasm, WorldEncoding.World world) throws Exception {
        Module m = ModuleReader.read(Files.readAllBytes(wasm), wasm.getFileName().toString());
        m.customSections.add(new CustomSection(WorldEncoding.sectionName(world), WorldEncoding.customSection(world), SectionId.DATA));
        return ModuleWriter.write(m);
    }

    @Test
    void cpythonFromTheKitWrapsIntoAValidComponentUsingTheWasiImportsItNeeds() throws Exception {
        Module python = ModuleReader.read(TestTools.kit().resolve("python.wasm"));
        WorldEncoding.World empty = new WorldEncoding.World("test:python/python", new TypeScopeBuilder().componentType());
        python.customSections.add(new CustomSection(WorldEncoding.sectionName(empty), WorldEncoding.customSection(empty),
                SectionId.DATA));
        long start = System.nanoTime();
        byte[] component = ComponentEncoder.encode(ComponentNew.build(python,
                ModuleReader.read(TestTools.reactorAdapter())));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "component new of CPython took " + millis + " ms");
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import wasi:filesystem/types@0.2."), wit);
        assertTrue(wit.contains("import wasi:random/random@0.2."), wit);
        assertFalse(wit.contains("export "), wit);
    }

    @Test
    void moduleWithoutReallocGetsAnAdapterThatAllocatesItsOwnPages(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("run.c");
        Files.writeString(c, """
                #include <stdio.h>
                __attribute__((export_name("run"))) int run(void) {
                    printf("hello from run\\n");
                    fflush(stdout);
                    return 7;
                }
                """);
        Path wasm = TestTools.clang(dir, "run.wasm", List.of("-O2", "-mexec-model=reactor"), c);
        TypeScopeBuilder w = new TypeScopeBuilder();
        w.exportFunc("run", new DefType.Func(List.of(), PrimitiveType.S32));
        byte[] core = withWorld(wasm, new WorldEncoding.World("test:run/run", w.componentType()));
        assertTrue(ModuleReader.read(core, "run").export("cabi_realloc").isEmpty(), "the module has no cabi_realloc");
        byte[] component = ComponentNew.encode(core, Files.readAllBytes(TestTools.reactorAdapter()));
        String out = jco.transpileAndRun(component, "run", "console.log('run: ' + component.run());");
        assertTrue(out.contains("hello from run"), out);
        assertTrue(out.contains("run: 7"), out);
    }

    @Test
    void worldImportOfAnOlderWasiVersionSharesTheAdaptersNewerImport(@TempDir Path dir) throws Exception {
        String wit = """
                package test:env@0.1.0;
                world env {
                  import wasi:cli/environment@0.2.3;
                  export count: func() -> u32;
                }
                """ + ComponentCodecTest.packageBlock(ComponentCodecTest.WASI_ENV);
        byte[] dummy = jco.dummyModule(wit, "env");
        Module m = ModuleReader.read(dummy, "dummy");
        LegacyNames.rename(m);
        // the dummy's body traps; give it a WASI import so the adapter (which imports environment@0.2.12) is needed
        ModuleBuilder b = new ModuleBuilder(m);
        b.importFunction(ComponentNew.ADAPTER_NAME, "environ_sizes_get", FuncType.of(
                List.of(ValType.I32, ValType.I32),
                List.of(ValType.I32)));
        b.build();
        byte[] component = ComponentEncoder.encode(ComponentNew.build(m, ModuleReader.read(TestTools.reactorAdapter())));
        Files.createDirectories(Path.of("target/test-output"));
        Files.write(Path.of("target/test-output/env.component.wasm"), component);
        String out = jco.componentWit(component);
        assertFalse(out.contains("import wasi:cli/environment@0.2.3;"), out);
        assertTrue(out.contains("import wasi:cli/environment@0.2.12;"), out);
    }

    @Test
    void exportedResourcesWorkInJcoIncludingTheirDestructor(@TempDir Path dir) throws Exception {
        String wit = """
                package test:res@0.1.0;
                interface counters {
                  resource counter {
                    constructor(start: u32);
                    add: func(n: u32) -> u32;
                  }
                  dropped: func() -> u32;
                }
                world res { export counters; }
                """;
        Path c = dir.resolve("res.c");
        Files.writeString(c, """
                #include <stdlib.h>
                #define IFACE "test:res/counters@0.1.0"
                __attribute__((import_module("[export]" IFACE), import_name("[resource-new]counter")))
                extern int counter_new(int rep);
                typedef struct { unsigned value; } counter;
                static unsigned dropped;
                __attribute__((export_name(IFACE "#[constructor]counter")))
                int construct(unsigned start) {
                    counter *c = malloc(sizeof *c);
                    c->value = start;
                    return counter_new((int) c);
                }
                __attribute__((export_name(IFACE "#[method]counter.add")))
                unsigned add(counter *self, unsigned n) { return self->value += n; }
                __attribute__((export_name(IFACE "#[dtor]counter")))
                void destroy(counter *self) { dropped++; free(self); }
                __attribute__((export_name(IFACE "#dropped")))
                unsigned how_many_dropped(void) { return dropped; }
                """);
        Path wasm = TestTools.clang(dir, "res.wasm", List.of("-O2", "-mexec-model=reactor"), c);
        Module m = ModuleReader.read(Files.readAllBytes(wasm), "res.wasm");
        // the world as wasm-tools encodes it, taken from its dummy module for the same WIT
        Module dummy = ModuleReader.read(jco.dummyModule(wit, "res"), "dummy");
        m.customSections.add(dummy.customSections.stream().filter(AdapterModule::isMetadata).findFirst().orElseThrow());
        byte[] component = ComponentEncoder.encode(ComponentNew.build(m, null));
        String out = jco.transpileAndRun(component, "res", """
                const { Counter, dropped } = component.counters;
                const counter = new Counter(5);
                console.log('add: ' + counter.add(2) + ' ' + counter.add(3));
                counter[Symbol.dispose]();
                console.log('dropped: ' + dropped());
                """);
        assertTrue(out.contains("add: 7 10"), out);
        assertTrue(out.contains("dropped: 1"), out);
    }

    @Test
    void commandModuleWithTheCommandAdapterExportsWasiCliRun(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("main.c");
        Files.writeString(c, """
                #include <stdio.h>
                int main(int argc, char **argv) {
                    printf("hello from main with %d argument(s)\\n", argc);
                    return 0;
                }
                """);
        Path wasm = TestTools.clang(dir, "main.wasm", List.of("-O2"), c);
        WorldEncoding.World empty = new WorldEncoding.World("test:cmd/cmd", new TypeScopeBuilder().componentType());
        byte[] core = withWorld(wasm, empty);
        assertTrue(ModuleReader.read(core, "main").export("_start").isPresent(), "a command module");
        byte[] component = ComponentNew.encode(core, Files.readAllBytes(TestTools.commandAdapter()));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("export wasi:cli/run@0.2."), wit);
        String out = jco.transpileAndRun(component, "cmd", "component.run.run();");
        assertTrue(out.contains("hello from main with"), out);
    }

    @Test
    void wasip2LibcBringsItsOwnComponentTypeSectionForSockets(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("client.c");
        Files.writeString(c, """
                #include <arpa/inet.h>
                #include <netinet/in.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <sys/socket.h>
                #include <unistd.h>
                int main(int argc, char **argv) {
                    int s = socket(AF_INET, SOCK_STREAM, 0);
                    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
                    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
                    if (s < 0 || connect(s, (struct sockaddr *) &a, sizeof a) != 0) { perror("connect"); return 1; }
                    send(s, "ping", 4, 0); /* this libc routes read/write to preview1: sockets need send/recv */
                    char buf[64] = {0};
                    ssize_t n = recv(s, buf, sizeof buf - 1, 0);
                    printf("read %d bytes: %s\\n", (int) n, buf);
                    close(s);
                    return 0;
                }
                """);
        Path wasm = TestTools.clang(dir, "client.wasm", List.of("--target=wasm32-wasip2", "-fuse-ld=lld", "-O2"), c);
        Module core = ModuleReader.read(Files.readAllBytes(wasm), "client");
        assertTrue(core.customSections.stream().anyMatch(s -> s.name().startsWith("component-type:")),
                "wasi-libc for wasip2 carries a component-type section");
        byte[] component = ComponentNew.encode(withWorld(wasm, new WorldEncoding.World("test:cmd/cmd",
                new TypeScopeBuilder().componentType())), Files.readAllBytes(TestTools.commandAdapter()));
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import wasi:sockets/tcp@0.2.0;"), wit);
        assertTrue(wit.contains("export wasi:cli/run@0.2."), wit);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    byte[] buf = s.getInputStream().readNBytes(4);
                    s.getOutputStream().write(("pong " + new String(buf, java.nio.charset.StandardCharsets.UTF_8)).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    // the assertion on the output reports it
                }
            });
            t.setDaemon(true);
            t.start();
            String out = jco.transpileAndRun(component, "client", """
                    import { _setArgs } from '@bytecodealliance/preview2-shim/cli';
                    _setArgs(['client', '%d']);
                    component.run.run();
                    """.formatted(server.getLocalPort()));
            assertTrue(out.contains("read 9 bytes: pong ping"), out);
        }
    }

    @Test
    void cpythonFromTheKitRunsAsACommandComponentInNode() throws Exception {
        Module python = ModuleReader.read(TestTools.kit().resolve("python.wasm"));
        WorldEncoding.World empty = new WorldEncoding.World("test:python/python", new TypeScopeBuilder().componentType());
        python.customSections.add(new CustomSection(WorldEncoding.sectionName(empty), WorldEncoding.customSection(empty),
                SectionId.DATA));
        byte[] component = ComponentEncoder.encode(ComponentNew.build(python, ModuleReader.read(TestTools.commandAdapter())));
        String stdlib = TestTools.kit().resolve("stdlib").toString().replace("\\", "/");
        String out = jco.transpileAndRun(component, "python", """
                import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
                import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';
                _setPreopens({ '/lib': '%s' });
                _setEnv({ PYTHONHOME: '/', PYTHONPATH: '/lib/python3.13' });
                _setArgs(['python', '-c', 'import json, sys; print(json.dumps({"answer": 6 * 7, "platform": sys.platform}))']);
                component.run.run();
                """.formatted(stdlib));
        assertTrue(out.contains("{\"answer\": 42, \"platform\": \"wasi\"}"), out);
    }

    @Test
    void clangReactorWithTheWasiAdapterBecomesAComponentThatJcoRuns(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("hello.c");
        Files.writeString(c, TestWorlds.HELLO_C);
        Path wasm = TestTools.clang(dir, "hello.wasm", List.of("-O2", "-mexec-model=reactor"), c);
        byte[] component = ComponentNew.encode(withWorld(wasm, TestWorlds.hello()), Files.readAllBytes(TestTools.reactorAdapter()));

        Files.createDirectories(Path.of("target/test-output"));
        Files.write(Path.of("target/test-output/hello.component.wasm"), component);
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import test:hello/host@0.1.0;"), wit);
        assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
        assertTrue(wit.contains("export add: func(a: s32, b: s32) -> s32;"), wit);
        assertTrue(wit.contains("import wasi:cli/stdout@0.2."), wit);
        // the adapter code the module does not reach is gone, and with it the WASI imports only that code used
        assertFalse(wit.contains("wasi:random/random"), wit);
        assertFalse(wit.contains("wasi:cli/environment"), wit);

        String out = jco.transpileAndRun(component, "hello", Map.of("test:hello/host*", "./host.js"),
                Map.of("host.js", "export function log(msg) { console.log('log: ' + msg); }\n"),
                """
                console.log('greet: ' + component.greet('world'));
                console.log('add: ' + component.add(2, 40));
                """);
        assertTrue(out.contains("log: Hello, world!"), out);
        assertTrue(out.contains("greeting world"), out);
        assertTrue(out.contains("greet: Hello, world!"), out);
        assertTrue(out.contains("add: 42"), out);
        // identical inputs give identical bytes
        assertArrayEquals(component, ComponentNew.encode(withWorld(wasm, TestWorlds.hello()),
                Files.readAllBytes(TestTools.reactorAdapter())));
    }
}
