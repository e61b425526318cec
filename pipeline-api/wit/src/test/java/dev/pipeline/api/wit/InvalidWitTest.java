package dev.pipeline.api.wit;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each file under {@code wit/invalid/} starts with {@code // expect: LINE:COL text|more text}: loading it must fail with
 * a diagnostic at that position whose message and hint contain each text, rendered with the line and a caret.
 */
class InvalidWitTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidWitTest.class.getResource("/wit/invalid").toURI());
        return Files.list(dir).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givesItsError(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertTrue(first.startsWith("// expect: "), "corpus file needs an expect line");
        String spec = first.substring("// expect: ".length());
        String position = spec.substring(0, spec.indexOf(' '));
        List<String> texts = List.of(spec.substring(spec.indexOf(' ') + 1).split("\\|"));
        PipelineException e = assertThrows(PipelineException.class, () -> WitLoader.load(file));
        Diagnostic d = e.diagnostic();
        assertNotNull(d.position(), "error without a position: " + d.render());
        assertEquals(file.toString() + ":" + position, d.position().toString(), d.render());
        String all = d.message() + "\n" + d.hint();
        for (String t : texts) assertTrue(all.contains(t), "expected `" + t + "` in:\n" + d.render());
        String rendered = d.render();
        assertTrue(rendered.contains(" | "), rendered);
        assertTrue(rendered.contains("^"), rendered);
    }

    @Test
    void thirtyTwoFlagsAreAccepted() {
        StringBuilder flags = new StringBuilder();
        for (int i = 1; i <= 32; i++) flags.append(i > 1 ? ", " : "").append("g").append(i);
        Resolve r = WitLoader.parse("f.wit", "package t:x; interface i { flags ok { " + flags + " } }");
        TypeDef def = r.type(r.iface(0).types().get("ok"));
        assertEquals(32, ((TypeDefKind.FlagsDef) def.kind()).flags().size());
    }

    @Test
    void deeplyNestedTypesAreAnErrorNotAStackOverflow() {
        String deep = "list<".repeat(5000) + "u8" + ">".repeat(5000);
        PipelineException e = assertThrows(PipelineException.class,
                () -> WitLoader.parse("deep.wit", "package t:x; interface i { type t = " + deep + "; }"));
        assertTrue(e.diagnostic().message().contains("nest more than"));
    }

    @Test
    void longAliasChainsResolveWithoutDeepRecursion() {
        StringBuilder sb = new StringBuilder("package t:x; interface i {\n");
        for (int i = 0; i < 20000; i++) sb.append("type a").append(i).append(" = a").append(i + 1).append(";\n");
        sb.append("type a20000 = u8;\n resource r;\n type r0 = r;\n f: func(x: a0);\n}");
        Resolve r = WitLoader.parse("chain.wit", sb.toString());
        assertEquals(WitType.Primitive.U8, r.dealias(new WitType.TypeRef(r.iface(0).types().get("a0"))));
    }

    @Test
    void worldSelectionListsTheWorlds() {
        Resolve r = WitLoader.parse("w.wit", "package t:x; world alpha {} world beta {}");
        PipelineException none = assertThrows(PipelineException.class, () -> r.selectWorld(null));
        assertTrue(none.diagnostic().hint().contains("alpha, beta"), none.diagnostic().render());
        PipelineException typo = assertThrows(PipelineException.class, () -> r.selectWorld("alpah"));
        assertTrue(typo.diagnostic().hint().contains("did you mean `alpha`?"), typo.diagnostic().render());
        assertEquals("beta", r.selectWorld("beta").name());
        assertEquals("alpha", r.selectWorld("t:x/alpha").name());
    }

    @Test
    void longDependencyChainsAreAnErrorNotAStackOverflow() throws Exception {
        StringBuilder chain = new StringBuilder("package t:x;\n");
        for (int i = 0; i < 150; i++) chain.append("world w").append(i).append(" { include w").append(i + 1).append("; }\n");
        chain.append("world w150 { import f: func(); }\n");
        PipelineException e = assertThrows(PipelineException.class, () -> WitLoader.parse("chain.wit", chain.toString()));
        assertTrue(e.diagnostic().message().contains("levels deep"), e.diagnostic().render());

        StringBuilder ok = new StringBuilder("package t:x;\n");
        for (int i = 0; i < 99; i++) ok.append("interface a").append(i).append(" { use a").append(i + 1).append(".{t}; }\n");
        ok.append("interface a99 { type t = u8; }\n");
        Throwable[] thrown = {null};
        Thread small = new Thread(null, () -> {
            try {
                WitLoader.parse("ok.wit", ok.toString());
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 128 * 1024);
        small.start();
        small.join();
        assertTrue(thrown[0] == null || thrown[0] instanceof PipelineException, String.valueOf(thrown[0]));
    }
}
