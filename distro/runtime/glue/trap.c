/* Trapping with a message: the runtime's answer to invalid input from the host and to unexpected errors. */
#include "rt.h"
#include <stdarg.h>
#include <stdio.h>
#include <wasi/api.h>

_Noreturn void pl_trap(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("pipeline runtime: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    __builtin_trap();
}

_Noreturn void pl_trap_python(const char *what) {
    if (PyErr_Occurred()) PyErr_Print();
    pl_trap("%s", what);
}

/* SystemExit out of an export (exit(), quit(), sys.exit()): ends the instance's process the way CPython ends its
 * own, with the exit status (None is 0; another object is printed to stderr and gives 1), without finalising. */
_Noreturn void pl_exit_python(void) {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *code = exc ? PyObject_GetAttrString(exc, "code") : NULL;
    int status = 1;
    if (!code) {
        PyErr_Clear();
    } else if (code == Py_None) {
        status = 0;
    } else if (PyLong_Check(code)) {
        long v = PyLong_AsLong(code);
        if (v == -1 && PyErr_Occurred()) PyErr_Clear();
        else status = (int)v;
    } else {
        PyObject *text = PyObject_Str(code);
        const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
        if (utf8) fprintf(stderr, "%s\n", utf8);
        PyErr_Clear();
        Py_XDECREF(text);
    }
    Py_XDECREF(code);
    Py_XDECREF(exc);
    const char *streams[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        PyObject *f = PySys_GetObject(streams[i]); /* borrowed */
        PyObject *r = f && f != Py_None ? PyObject_CallMethod(f, "flush", NULL) : NULL;
        if (!r) PyErr_Clear();
        Py_XDECREF(r);
    }
    fflush(stdout);
    fflush(stderr);
    __wasi_proc_exit((__wasi_exitcode_t)(status & 0xff));
}
