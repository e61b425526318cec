package dev.pipeline.api.wit;

import dev.pipeline.api.wit.text.WitPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.abi.CanonicalAbi;
import dev.pipeline.api.diag.PipelineException;

/**
 * Checks our WIT against wasm-tools (through jco in node): worlds we print are accepted and have the same imports
 * and exports, in the same order, after wasm-tools elaborates them; inputs get the same verdict from both.
 */
class WasmToolsOracleTest {
    private static final Pattern ITEM = Pattern.compile("^\\s*(import|export) (%?[^:;\\s]+(?::[^;\\s]+)?)(;|: )", Pattern.MULTILINE);

    private static final Pattern INTERFACE = Pattern.compile("^\\s*interface (%?[a-zA-Z0-9-]+) \\{", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void printedWorldsAreAcceptedWithTheSameImportsAndExportsInOrder() throws Exception {
        Map<String, Resolve> resolves = new LinkedHashMap<>();
        Map<String, String> worlds = new LinkedHashMap<>();
        for (String version : List.of("0.2.12", "0.2.10")) {
            for (String pkg : WasiFixtures.packagesOf(version)) {
                Resolve wasi = WitLoader.load(WasiFixtures.layout(tmp.resolve(version + "-" + pkg), version, pkg));
                for (String world : wasi.rootPackage().worlds().keySet()) {
                    resolves.put("wasi-" + pkg + "-" + world + "@" + version, wasi);
                    worlds.put("wasi-" + pkg + "-" + world + "@" + version, world);
                }
            }
        }
        Path kitchen = Path.of(getClass().getResource("/wit/valid/kitchen").toURI());
        resolves.put("kitchen-base", WitLoader.load(kitchen));
        worlds.put("kitchen-base", "base");
        resolves.put("kitchen-app", WitLoader.load(kitchen));
        worlds.put("kitchen-app", "app");
        resolves.put("world-resource", WitLoader.parse("r.wit", "package t:x; world w { resource r { constructor(); "
                + "m: func() -> u32; } import make: func() -> r; export run: func(x: borrow<r>) -> string; }"));
        worlds.put("world-resource", "w");

        List<WitOracle.Case> cases = new ArrayList<>();
        for (String name : resolves.keySet()) {
            Resolve r = resolves.get(name);
            cases.add(new WitOracle.Case(name, worlds.get(name), WitPrinter.printWorld(r, r.selectWorld(worlds.get(name)).id())));
        }
        Map<String, WitOracle.Verdict> verdicts = WitOracle.judge(cases);
        for (WitOracle.Case c : cases) {
            WitOracle.Verdict v = verdicts.get(c.name());
            assertNotNull(v, c.name());
            assertTrue(v.accepted(), c.name() + ": wasm-tools rejects our printed world: " + v.text() + "\n" + c.source());
            Resolve resolve = resolves.get(c.name());
            WitWorld ours = resolve.selectWorld(c.world());
            assertEquals(List.copyOf(itemNames(resolve, ours.imports())), List.copyOf(oracleItems(v.text(), "import")),
                    c.name() + " imports\n" + v.text());
            assertEquals(List.copyOf(itemNames(resolve, ours.exports())), List.copyOf(oracleItems(v.text(), "export")),
                    c.name() + " exports\n" + v.text());
        }
    }

    @Test
    void everyInputWeRejectWasmToolsRejects() throws Exception {
        Path dir = Path.of(getClass().getResource("/wit/invalid").toURI());
        List<WitOracle.Case> cases = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                // a world of our own that imports every interface, so wasm-tools validates all of their types
                String text = Files.readString(p);
                StringBuilder world = new StringBuilder("\nworld zz-oracle {\n");
                Matcher m = INTERFACE.matcher(text);
                while (m.find()) world.append("  import ").append(m.group(1)).append(";\n");
                cases.add(new WitOracle.Case(p.getFileName().toString(), "zz-oracle", text + world + "}\n"));
            }
        }
        Map<String, WitOracle.Verdict> verdicts = WitOracle.judge(cases);
        assertEquals(cases.size(), verdicts.size());
        List<String> acceptedByWasmTools = new ArrayList<>();
        verdicts.forEach((name, v) -> {
            if (v.accepted()) acceptedByWasmTools.add(name);
        });
        assertEquals(List.of(), acceptedByWasmTools, "inputs we reject but wasm-tools accepts");
    }

    @Test
    void handWrittenCasesGetTheSameVerdict() throws Exception {
        String all = Files.readString(Path.of(getClass().getResource("/wit/oracle-cases.wit").toURI()));
        List<WitOracle.Case> cases = new ArrayList<>();
        for (String text : all.split("=====\n")) cases.add(new WitOracle.Case("case" + cases.size(), "w", text));
        Map<String, WitOracle.Verdict> verdicts = WitOracle.judge(cases);
        List<String> disagreements = new ArrayList<>();
        for (WitOracle.Case c : cases) {
            String ours = ourVerdict(c.source(), c.world());
            boolean stricter = c.source().startsWith("// stricter:");
            boolean theirs = verdicts.get(c.name()).accepted();
            boolean agree = stricter ? ours != null : (ours == null) == theirs;
            if (!agree) disagreements.add(c.name() + ": ours " + (ours == null ? "accepts" : "rejects (" + ours + ")")
                    + ", wasm-tools " + (theirs ? "accepts" : "rejects (" + verdicts.get(c.name()).text() + ")") + "\n" + c.source());
        }
        assertEquals(List.of(), disagreements);
        assertTrue(cases.size() >= 70);
    }

    @Test
    void randomEditsGetTheSameVerdict() throws Exception {
        long seed = Long.getLong("wit.oracle.seed", 7L);
        int count = Integer.getInteger("wit.oracle.cases", 600);
        List<WitOracle.Case> sources = new ArrayList<>();
        String handWritten = Files.readString(Path.of(getClass().getResource("/wit/oracle-cases.wit").toURI()));
        // the kinds of error where we are deliberately stricter than wasm-tools: the hand-written `// stricter:` cases'
        // messages up to their first quoted name (e.g. "invalid semantic version")
        java.util.Set<String> stricterKinds = new java.util.HashSet<>();
        for (String text : handWritten.split("=====\n")) {
            if (!text.startsWith("// stricter:") && ourVerdict(text, "w") == null) sources.add(new WitOracle.Case("small", "w", text + "\n// --- dependencies\n"));
            if (text.startsWith("// stricter:")) stricterKinds.add(errorKind(ourVerdict(text, "w")));
        }
        for (WitFuzzTest.Sample s : WitFuzzTest.samples()) {
            Resolve original = WitLoader.parse(s.name(), s.text(), s.deps(), java.util.Set.of(), false);
            if (original.rootPackage().worlds().isEmpty()) continue;
            String world = original.rootPackage().worlds().keySet().iterator().next();
            StringBuilder deps = new StringBuilder();
            for (String dep : s.deps().values()) deps.append('\n').append(asPackageBlock(dep));
            sources.add(new WitOracle.Case(s.name(), world, s.text() + "\n// --- dependencies\n" + deps));
        }
        java.util.Random random = new java.util.Random(seed);
        List<WitOracle.Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WitOracle.Case base = sources.get(random.nextInt(sources.size()));
            int split = base.source().indexOf("\n// --- dependencies\n");
            String mutated = WitMutator.mutate(base.source().substring(0, split), random) + base.source().substring(split);
            cases.add(new WitOracle.Case("edit" + i, base.world(), mutated));
        }
        Map<String, WitOracle.Verdict> verdicts = WitOracle.judge(cases);
        List<String> disagreements = new ArrayList<>();
        for (WitOracle.Case c : cases) {
            String ours = ourVerdict(c.source(), c.world());
            WitOracle.Verdict theirs = verdicts.get(c.name());
            boolean deliberatelyStricter = ours != null && theirs.accepted() && stricterKinds.contains(errorKind(ours));
            if ((ours == null) != theirs.accepted() && !deliberatelyStricter) {
                Path dump = Path.of("target", "oracle-disagreement-" + seed + "-" + c.name() + ".wit");
                Files.createDirectories(dump.getParent());
                Files.writeString(dump, c.source());
                disagreements.add(c.name() + " (" + dump + "): ours " + (ours == null ? "accepts" : "rejects: " + ours)
                        + "; wasm-tools " + (theirs.accepted() ? "accepts" : "rejects: " + theirs.text().lines().findFirst().orElse("")));
            }
        }
        assertEquals(List.of(), disagreements, "seed " + seed);
    }

    /** An error message up to its first quoted name: the kind of error. */
    private static String errorKind(String message) {
        int q = message.indexOf('`');
        return q < 0 ? message : message.substring(0, q);
    }

    /**
     * Null when we accept the source, find the world and every type has a canonical-ABI layout (the component model's
     * size bound, which wasm-tools checks when encoding), else our error message.
     */
    private static String ourVerdict(String source, String world) {
        try {
            Resolve r = WitLoader.parse("case.wit", source);
            r.selectWorld(world);
            CanonicalAbi abi = new CanonicalAbi(r);
            for (TypeDef def : r.types()) {
                if (!(r.dealiasDef(def.id()).kind() instanceof TypeDefKind.ResourceDef)) abi.size(new WitType.TypeRef(def.id()));
            }
            return null;
        } catch (PipelineException e) {
            return e.diagnostic().message();
        }
    }

    /** A file that starts with {@code package x;} rewritten as a {@code package x { ... }} block. */
    private static String asPackageBlock(String file) {
        Matcher m = Pattern.compile("(?m)^package ([^;{]+);").matcher(file);
        if (!m.find()) return file;
        return file.substring(0, m.start()) + "package " + m.group(1) + " {" + file.substring(m.end()) + "\n}\n";
    }

    /**
     * Names of interface and function items. Left out: types (not imports of their own), resource functions (printed
     * inside their resource), and interfaces imported under a plain name ({@code import x: a:b/c;}), which the
     * wasm-tools in jco drops when printing a component's world.
     */
    private static Set<String> itemNames(Resolve resolve, Map<String, WorldItem> items) {
        Set<String> out = new LinkedHashSet<>();
        items.forEach((k, v) -> {
            boolean namedPath = v instanceof WorldItem.InterfaceItem i && i.plainName() != null
                    && resolve.iface(i.interfaceId()).name() != null;
            if (!(v instanceof WorldItem.TypeItem) && !k.startsWith("[") && !namedPath) out.add(k);
        });
        return out;
    }

    private static Set<String> oracleItems(String wit, String kind) {
        int start = wit.indexOf("world root {");
        String body = wit.substring(start, wit.indexOf("\n}", start));
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ITEM.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(kind)) out.add(m.group(2).replace("%", ""));
        }
        return out;
    }
}
