package dev.pipeline.api.world;

import dev.pipeline.api.component.ComponentWit;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.text.WitPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WIT → component type (binary) → decoded WIT model → WIT text, for every world of the corpus, with no outside tool:
 * the printed WIT encodes to the very same bytes, and printing is then a fixed point. A component type does not keep
 * everything the source said (doc comments, gates, the order of interfaces and types in the source, which of two
 * names of one type a signature used, the interface behind {@code import name: a:b/c}), so the first print is the
 * original in the binary's order; where the source already is in that order, the two texts are equal.
 */
class WorldRoundTripTest {
    static List<WorldCorpus.Case> corpus() {
        return WorldCorpus.handWrittenAndWasi();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void encodeDecodePrintGivesTheOriginal(WorldCorpus.Case c) {
        Resolve resolve = WitLoader.parse(c.label() + ".wit", c.wit());
        WitWorld world = resolve.selectWorld(c.world());
        byte[] section = WorldEncoding.customSection(WorldTypeEncoder.encode(resolve, world));

        ComponentWit.Decoded decoded = ComponentWit.decode(WorldEncoding.decode(section, c.label()));

        String printed = decoded.print();
        byte[] reencoded = encodePrinted(c, world.name(), printed);
        if (PLAIN_NAMED_IMPORTS.contains(c.label())) {
            // `import primary: dep:util/logging` decodes as an inline interface: from there on, a fixed point
            assertArrayEquals(reencoded, encodePrinted(c, world.name(), ComponentWit.decode(WorldEncoding.decode(reencoded, c.label())).print()));
        } else {
            assertArrayEquals(section, reencoded, () -> "the decoded world encodes differently:\n" + printed);
        }
        assertEquals(printed, ComponentWit.decode(WorldEncoding.decode(reencoded, c.label())).print());
        if (IN_BINARY_ORDER.contains(c.label())) {
            assertEquals(withoutDocsAndGates(WitPrinter.printWorld(resolve, world.id())), printed);
        }
    }

    private static byte[] encodePrinted(WorldCorpus.Case c, String world, String wit) {
        Resolve reparsed = WitLoader.parse(c.label() + "-decoded.wit", wit);
        return WorldEncoding.customSection(WorldTypeEncoder.encode(reparsed, reparsed.selectWorld(world)));
    }

    /** Worlds that import a named interface under a plain name, which a component type does not record. */
    private static final Set<String> PLAIN_NAMED_IMPORTS = Set.of("versioned", "versioned/named-import");
    /** Corpus worlds written in the binary's order, so that the first print is the original's text. */
    private static final Set<String> IN_BINARY_ORDER = Set.of("hello", "kitchen-sink", "world-resources", "both-ways", "gates", "exported-types");

    private static String withoutDocsAndGates(String wit) {
        return wit.lines().filter(l -> !l.trim().startsWith("///") && !l.trim().startsWith("@"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
