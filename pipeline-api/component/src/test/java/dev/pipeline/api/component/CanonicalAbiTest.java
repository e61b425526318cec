package dev.pipeline.api.component;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import dev.pipeline.api.diag.PipelineException;

/** Flattening counts and memory/realloc needs, against the rules of the canonical ABI. */
class CanonicalAbiTest {

    private static final TypeDef.Field X = new TypeDef.Field("x", PrimitiveType.S32);
    private static final TypeDef.Field Y = new TypeDef.Field("y", PrimitiveType.S32);

    /** A scope with: 0 point, 1 shape, 2 list<point>, 3 option<list<point>>, 4 tuple<u8,string>, 5 result<string,4>. */
    private static TypeScope scope() {
        TypeScope s = new TypeScope(null);
        s.addType(new TypeDef.Record(List.of(X, Y)));
        s.addType(new TypeDef.Variant(List.of(new TypeDef.Case("circle", PrimitiveType.F64),
                new TypeDef.Case("square", ValueType.ref(0)), new TypeDef.Case("nothing", null))));
        s.addType(new TypeDef.ListOf(ValueType.ref(0), null));
        s.addType(new TypeDef.Option(ValueType.ref(2)));
        s.addType(new TypeDef.Tuple(List.of(PrimitiveType.U8, PrimitiveType.STRING)));
        s.addType(new TypeDef.Result(PrimitiveType.STRING, ValueType.ref(4)));
        return s;
    }

    @Test
    void flatCounts() {
        TypeScope s = scope();
        assertEquals(1, CanonicalAbi.flatCount(s, PrimitiveType.U64));
        assertEquals(2, CanonicalAbi.flatCount(s, PrimitiveType.STRING));
        assertEquals(2, CanonicalAbi.flatCount(s, ValueType.ref(0)));
        assertEquals(3, CanonicalAbi.flatCount(s, ValueType.ref(1)), "discriminant + the widest case (point)");
        assertEquals(3, CanonicalAbi.flatCount(s, ValueType.ref(3)));
        assertEquals(4, CanonicalAbi.flatCount(s, ValueType.ref(5)));
        assertFalse(CanonicalAbi.hasPointers(s, ValueType.ref(1)));
        assertTrue(CanonicalAbi.hasPointers(s, ValueType.ref(3)));
    }

    @Test
    void whatLiftsAndLowersNeed() {
        TypeScope s = scope();
        int add = s.addType(new TypeDef.Func(List.of(X, Y), PrimitiveType.S32));
        int point = s.addType(new TypeDef.Func(List.of(), ValueType.ref(0)));
        int greet = s.addType(new TypeDef.Func(List.of(new TypeDef.Field("n", PrimitiveType.STRING)), null));
        int names = s.addType(new TypeDef.Func(List.of(), ValueType.ref(3)));
        assertEquals(new CanonicalAbi.Needs(false, false), CanonicalAbi.needs(s.funcType(add), true));
        assertEquals(new CanonicalAbi.Needs(true, false), CanonicalAbi.needs(s.funcType(point), false),
                "two flat results are returned through memory");
        assertEquals(new CanonicalAbi.Needs(true, true), CanonicalAbi.needs(s.funcType(greet), true),
                "a lifted string parameter is copied in with realloc");
        assertEquals(new CanonicalAbi.Needs(true, false), CanonicalAbi.needs(s.funcType(greet), false));
        assertEquals(new CanonicalAbi.Needs(true, true), CanonicalAbi.needs(s.funcType(names), false),
                "a lowered list result is allocated with realloc");
        List<TypeDef.Field> many = new java.util.ArrayList<>();
        for (int i = 0; i < 17; i++) many.add(new TypeDef.Field("p" + i, PrimitiveType.U32));
        int wide = s.addType(new TypeDef.Func(many, null));
        assertEquals(new CanonicalAbi.Needs(true, true), CanonicalAbi.needs(s.funcType(wide), true), "17 flat parameters spill");
    }

    @Test
    void typesMustBeDefinedBeforeUse() {
        TypeScope s = new TypeScope(null);
        assertThrows(PipelineException.class, () -> s.addType(new TypeDef.ListOf(ValueType.ref(0), null)));
    }
}
