package dev.pipeline.api.world;

import dev.pipeline.api.component.Declarator;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Our world types against wit-component's own, for every world of the corpus. */
class WorldTypeEncoderTest {
    static JcoOracle jco;
    static WitComponentOracle oracle;

    @BeforeAll
    static void start() {
        jco = new JcoOracle();
        oracle = new WitComponentOracle(jco);
    }

    @AfterAll
    static void stop() { jco.close(); }

    static List<WorldCorpus.Case> corpus() {
        return WorldCorpus.handWrittenAndWasi();
    }

    static List<WorldCorpus.Case> wasiPreview3() {
        return WorldCorpus.wasi("0.3.0");
    }

    /** WASI 0.3 worlds: those with async functions or streams are refused clearly, the others match wit-component. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wasiPreview3")
    void wasiPreview3WorldsAreRefusedAsNotSupportedYetOrMatch(WorldCorpus.Case c) {
        WorldEncoding.World ours;
        try {
            ours = encode(c);
        } catch (PipelineException e) {
            assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
            return;
        }
        WorldEncoding.World theirs = WorldEncoding.decode(oracle.reference(c.wit(), c.world()).section(), "wit-component");
        assertEquals(theirs, ours);
    }

    static WorldEncoding.World encode(WorldCorpus.Case c) {
        Resolve resolve = WitLoader.parse(c.label() + ".wit", c.wit());
        return WorldTypeEncoder.encode(resolve, resolve.selectWorld(c.world()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void matchesTheTypeWitComponentEmbeds(WorldCorpus.Case c) {
        WorldEncoding.World ours = encode(c);
        WitComponentOracle.Reference reference = oracle.reference(c.wit(), c.world());
        WorldEncoding.World theirs = WorldEncoding.decode(reference.section(), "wit-component's section");
        assertEquals(theirs.qualifiedName(), ours.qualifiedName());
        if (!theirs.type().equals(ours.type())) fail(firstDifference(listing(theirs.type()), listing(ours.type())));
    }

    @Test
    void useAfterDefinitionsGivesAnEquivalentTypeInADifferentOrder() {
        WorldCorpus.Case c = WorldCorpus.USE_AFTER_DEFINITIONS;
        WorldEncoding.World ours = encode(c);
        WitComponentOracle.Reference reference = oracle.reference(c.wit(), c.world());
        WorldEncoding.World theirs = WorldEncoding.decode(reference.section(), "wit-component's section");
        assertNotEquals(theirs.type(), ours.type(), "the known ordering gap is gone: move this case into the corpus");
        List<String> theirLines = listing(theirs.type());
        List<String> ourLines = listing(ours.type());
        assertEquals(theirLines.size(), ourLines.size());
        String wit = oracle.componentWitWithSection(reference, WorldEncoding.customSection(ours));
        assertEquals(normalise(reference.wit()), normalise(wit));
    }

    /** One line per declarator, nested instance and component types indented. */
    static List<String> listing(DefType.ComponentType type) {
        List<String> lines = new ArrayList<>();
        list(type.declarators(), "", lines);
        return lines;
    }

    private static void list(List<Declarator> declarators, String indent, List<String> lines) {
        for (Declarator d : declarators) {
            if (d instanceof Declarator.Type t && t.def() instanceof DefType.InstanceType it) {
                lines.add(indent + "instance type");
                list(it.declarators(), indent + "  ", lines);
            } else if (d instanceof Declarator.Type t && t.def() instanceof DefType.ComponentType ct) {
                lines.add(indent + "component type");
                list(ct.declarators(), indent + "  ", lines);
            } else {
                lines.add(indent + d);
            }
        }
    }

    static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                return "declarator " + i + " differs\n  wit-component: " + e + "\n  ours:          " + a
                        + "\n  context (wit-component):\n    "
                        + String.join("\n    ", expected.subList(Math.max(0, i - 3), Math.min(expected.size(), i + 3)));
            }
        }
        return "listings are equal";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void witComponentAcceptsOurSectionAndPrintsTheSameWorld(WorldCorpus.Case c) {
        WorldEncoding.World ours = encode(c);
        WitComponentOracle.Reference reference = oracle.reference(c.wit(), c.world());
        String wit = oracle.componentWitWithSection(reference, WorldEncoding.customSection(ours));
        assertEquals(normalise(reference.wit()), normalise(wit));
        assertTrue(wit.contains("world root"), wit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void customSectionRoundTripsAndIsDeterministic(WorldCorpus.Case c) {
        WorldEncoding.World ours = encode(c);
        WorldEncoding.World decoded = WorldEncoding.decode(WorldEncoding.customSection(ours), c.label());
        assertEquals(ours, decoded);
        assertFalse(ours.type().declarators().isEmpty());
        assertArrayEquals(WorldEncoding.customSection(ours), WorldEncoding.customSection(encode(c)),
                "encoding the same world twice gives different bytes");
    }

    /** WIT text with runs of whitespace collapsed, so layout differences do not count. */
    static String normalise(String wit) {
        return wit.replaceAll("\\s+", " ").strip();
    }
}
