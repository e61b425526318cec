package dev.pipeline.api.component;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CoreNamesTest {

    @Test
    void shortNamesKeepTheSignificantVersionPart() {
        assertEquals("a:b/c@1", CoreNames.shortName("a:b/c@1.2.3"));
        assertEquals("a:b/c@0.2", CoreNames.shortName("a:b/c@0.2.12"));
        assertEquals("a:b/c@0.0.3", CoreNames.shortName("a:b/c@0.0.3"));
        assertEquals("a:b/c", CoreNames.shortName("a:b/c"));
    }

    @Test
    void legacyImportsMatchSemverCompatibleWorldImports() {
        assertTrue(CoreNames.LEGACY.matches("wasi:filesystem/preopens@0.2.6", "wasi:filesystem/preopens@0.2.12"));
        assertFalse(CoreNames.LEGACY.matches("wasi:filesystem/preopens@0.3.0", "wasi:filesystem/preopens@0.2.12"));
        assertTrue(CoreNames.LEGACY.matches("a:b/c@1.0.0", "a:b/c@1.4.0"));
        assertFalse(CoreNames.LEGACY.matches("a:b/c@1.0.0", "a:b/d@1.0.0"));
        assertTrue(CoreNames.STANDARD.matches("a:b/c@1", "a:b/c@1.4.0"));
    }

    @Test
    void importsParseInBothConventions() {
        assertEquals(new CoreNames.ImportRef(null, false, CoreNames.Intrinsic.FUNC, "now"), CoreNames.LEGACY.parse("$root", "now"));
        assertEquals(new CoreNames.ImportRef("a:b/c@1.0.0", false, CoreNames.Intrinsic.RESOURCE_DROP, "r"),
                CoreNames.LEGACY.parse("a:b/c@1.0.0", "[resource-drop]r"));
        assertEquals(new CoreNames.ImportRef("a:b/c@1.0.0", true, CoreNames.Intrinsic.RESOURCE_NEW, "q"),
                CoreNames.LEGACY.parse("[export]a:b/c@1.0.0", "[resource-new]q"));
        assertEquals(new CoreNames.ImportRef("a:b/c@1", false, CoreNames.Intrinsic.FUNC, "[method]r.m"),
                CoreNames.STANDARD.parse("cm32p2|a:b/c@1", "[method]r.m"));
        assertEquals(new CoreNames.ImportRef("a:b/c@1", true, CoreNames.Intrinsic.RESOURCE_REP, "q"),
                CoreNames.STANDARD.parse("cm32p2|_ex_a:b/c@1", "q_rep"));
        assertEquals(new CoreNames.ImportRef(null, false, CoreNames.Intrinsic.FUNC, "now"), CoreNames.STANDARD.parse("cm32p2", "now"));
        assertNull(CoreNames.STANDARD.parse("env", "x"));
    }

    @Test
    void exportNames() {
        assertEquals("greet", CoreNames.LEGACY.export(null, "greet"));
        assertEquals("a:b/c@1.0.0#f", CoreNames.LEGACY.export("a:b/c@1.0.0", "f"));
        assertEquals("cabi_post_a:b/c@1.0.0#f", CoreNames.LEGACY.postReturn("a:b/c@1.0.0#f"));
        assertEquals("cm32p2|a:b/c@1|f", CoreNames.STANDARD.export("a:b/c@1.0.0", "f"));
        assertEquals("cm32p2||f_post", CoreNames.STANDARD.postReturn(CoreNames.STANDARD.export(null, "f")));
        assertEquals("a:b/c@1.0.0#[dtor]r", CoreNames.LEGACY.destructor("a:b/c@1.0.0", "r"));
    }
}
