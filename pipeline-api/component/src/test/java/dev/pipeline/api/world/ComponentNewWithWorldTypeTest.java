package dev.pipeline.api.world;

import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our world types drive {@link ComponentNew}: a dummy core module of each world (every import used, every export
 * present) becomes a component whose WIT, printed by jco, is the WIT of wit-component's own dummy component.
 */
class ComponentNewWithWorldTypeTest {
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

    /**
     * What {@link ComponentNew} cannot do yet, by corpus world, with the evidence each gap leaves. A world listed here
     * that starts to work makes the test fail: then delete its entry. None at present (the last one, types of an
     * exported interface used by another exported interface, is closed; see ExportedInterfaceUsingExportedTypesTest).
     */
    enum ComponentNewGap {
        ;

        final String evidence;

        ComponentNewGap(String evidence) { this.evidence = evidence; }
    }

    static ComponentNewGap gapOf(WorldCorpus.Case c) {
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void componentOfADummyModuleHasTheWorldWitComponentGives(WorldCorpus.Case c) {
        Resolve resolve = WitLoader.parse(c.label() + ".wit", c.wit());
        WitWorld world = resolve.selectWorld(c.world());
        WorldEncoding.World type = WorldTypeEncoder.encode(resolve, world);
        ComponentNewGap gap = gapOf(c);
        String wit;
        try {
            byte[] component = ComponentEncoder.encode(ComponentNew.build(DummyCoreModule.of(resolve, world, type), null));
            wit = jco.componentWit(component);
        } catch (PipelineException | IllegalStateException e) {
            assertNotNull(gap, "ComponentNew or jco failed on " + c + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(gap.evidence), e.getMessage());
            return;
        }
        assertNull(gap, c + " works now: remove it from the known ComponentNew gaps");
        // ComponentNew declares imports in the order the core module needs them, wit-component in world order
        assertEquals(statements(oracle.reference(c.wit(), c.world()).wit()), statements(wit));
    }

    /** The lines of a WIT text, trimmed and sorted: the same items whatever their order. */
    static List<String> statements(String wit) {
        return wit.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }
}
