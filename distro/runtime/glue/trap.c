/* Trapping with a message: the runtime's answer to invalid input from the host and to unexpected errors. */
#include "rt.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
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

/* The standard-library module a ModuleNotFoundError names, when it names one (copied into `out`), else "". */
static void left_out_stdlib_module(PyObject *exc, char *out, size_t size) {
    out[0] = 0;
    if (!PyErr_GivenExceptionMatches(exc, PyExc_ModuleNotFoundError)) return;
    PyObject *name = PyObject_GetAttrString(exc, "name");
    const char *n = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (n && strlen(n) < size) {
        const char *dot = strchr(n, '.');
        PyObject *top = PyUnicode_FromStringAndSize(n, dot ? dot - n : (Py_ssize_t)strlen(n));
        PyObject *stdlib = PySys_GetObject("stdlib_module_names"); /* borrowed */
        PyObject *builtin = PySys_GetObject("builtin_module_names");
        if (top && stdlib && PySequence_Contains(stdlib, top) == 1
                && !(builtin && PySequence_Contains(builtin, top) == 1)) {
            snprintf(out, size, "%s", n);
        }
        Py_XDECREF(top);
    }
    Py_XDECREF(name);
    PyErr_Clear();
}

void pl_print_python_error(void) {
    PyObject *exc = PyErr_GetRaisedException();
    if (!exc) return;
    char module[128];
    left_out_stdlib_module(exc, module, sizeof module);
    PyErr_SetRaisedException(exc);
    PyErr_Print();
    if (module[0]) {
        fprintf(stderr, "pipeline runtime: hint: `%s` is in Python's standard library, but the component does not hold it: "
                "packaging follows import statements, not imports made by name at run time (importlib, __import__) "
                "nor some the standard library makes inside its functions; add include = [\"%s\"] to "
                "[stages.packaging] in the recipe\n", module, module);
    }
}

_Noreturn void pl_trap_python(const char *what) {
    if (PyErr_Occurred()) pl_print_python_error();
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
