package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TypeScopeTest {
    @Test
    void typesMustBeDefinedBeforeUse() {
        TypeScope s = new TypeScope(null);
        PipelineException e = assertThrows(PipelineException.class, () -> s.addType(new DefType.ListOf(ValueType.ref(0), null)));
        assertEquals("type 0 refers to type 0, which is not defined before it", e.diagnostic().message());
    }
}
