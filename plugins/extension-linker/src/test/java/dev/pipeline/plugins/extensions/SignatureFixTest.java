package dev.pipeline.plugins.extensions;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureFixTest {
    private static final String SRC = """
            #include <Python.h>
            static PyObject *
            Markup_html(PyObject *self)
            {
                return self;
            }
            static PyObject *ok_noargs(PyObject *self, PyObject *unused) { return self; }
            /* {"commented", (PyCFunction) Markup_html, METH_NOARGS, NULL}, */
            static PyObject *one_o(PyObject *self) { return self; }
            static PyMethodDef methods[] = {
                {"__html__", (PyCFunction) Markup_html, METH_NOARGS, NULL},
                {"fine", (PyCFunction)ok_noargs, METH_NOARGS, NULL},
                {"kw", (PyCFunction)Markup_html, METH_VARARGS|METH_KEYWORDS, NULL},
                {"o", one_o, METH_O, "doc"},
                {NULL}
            };
            """;

    @Test
    void wrapsOneParameterMethodsAndKeepsLineNumbers() {
        SignatureFix.Result r = SignatureFix.apply(SRC);
        assertEquals(2, r.fixed().size(), r.fixed().toString());
        assertEquals("Markup_html", r.fixed().get(0).function());
        assertEquals(3, r.fixed().get(0).definitionLine());
        assertEquals("METH_NOARGS", r.fixed().get(0).convention());
        assertEquals("one_o", r.fixed().get(1).function());
        String[] in = SRC.split("\n");
        String[] out = r.source().split("\n");
        // every original line is where it was; the wrappers follow
        assertEquals(in.length + 2, out.length);
        assertTrue(out[9].contains("static PyObject *Markup_html__pl_sig(PyObject *, PyObject *);"), out[9]);
        assertTrue(out[10].contains("(PyCFunction) Markup_html__pl_sig, METH_NOARGS"), out[10]);
        assertTrue(out[11].contains("(PyCFunction)ok_noargs,"), out[11]);
        assertTrue(out[12].contains("(PyCFunction)Markup_html, METH_VARARGS"), out[12]);
        assertTrue(out[13].contains("one_o__pl_sig, METH_O"), out[13]);
        assertTrue(out[7].contains("(PyCFunction) Markup_html, METH_NOARGS"), "comments untouched: " + out[7]);
        assertTrue(r.source().contains("return ((PyObject *(*)(PyObject *))Markup_html)(self); }"));
    }

    @Test
    void leavesCorrectSourcesAlone() {
        String ok = "static PyObject *f(PyObject *s, PyObject *u) { return s; }\n"
                + "static PyMethodDef m[] = {{\"f\", (PyCFunction)f, METH_NOARGS, NULL}, {NULL}};\n";
        SignatureFix.Result r = SignatureFix.apply(ok);
        assertTrue(r.fixed().isEmpty());
        assertSame(ok, r.source());
    }
}
