/* State that must not be shared by every instance of a pre-initialised component (environment, random): refreshed on
 * an instance's first call. */
#include "rt.h"
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>
#include <wasi/api.h>
#include <wasi/libc-environ.h>

/* False in a snapshot taken after pipeline_init (no export ran at build time), so every instance refreshes once. */
static bool refreshed;

/* os.environ was built from the build's (empty) environment: rebuild it, and libc's, from this instance's. */
static void refresh_environment(PyObject *modules) {
    __wasilibc_deinitialize_environ();
    __wasilibc_ensure_environ();
    PyObject *os = PyDict_GetItemString(modules, "os"); /* borrowed */
    if (!os) return;
    PyObject *environ = PyObject_GetAttrString(os, "environ");
    PyObject *data = environ ? PyObject_GetAttrString(environ, "_data") : NULL; /* the mapping behind os.environ */
    if (data && PyDict_Check(data)) {
        PyDict_Clear(data);
        for (char **e = __wasilibc_get_environ(); e && *e; e++) {
            const char *eq = strchr(*e, '=');
            if (!eq || eq == *e) continue;
            PyObject *k = PyBytes_FromStringAndSize(*e, eq - *e);
            PyObject *v = PyBytes_FromString(eq + 1);
            if (!k || !v || PyDict_SetItem(data, k, v) != 0) PyErr_Clear();
            Py_XDECREF(k);
            Py_XDECREF(v);
        }
    }
    if (PyErr_Occurred()) PyErr_Print();
    Py_XDECREF(data);
    Py_XDECREF(environ);
}

/* sys.argv holds the build's arguments: replace its items (the list object is kept, so references to it see the
 * change) with the arguments this instance's host passes, decoded like CPython decodes a command line. */
static void refresh_argv(void) {
    PyObject *argv = PySys_GetObject("argv"); /* borrowed */
    if (!argv || !PyList_Check(argv)) return;
    __wasi_size_t argc = 0, size = 0;
    if (__wasi_args_sizes_get(&argc, &size) != 0) return;
    char **args = calloc(argc + 1, sizeof(char *));
    char *buf = malloc(size ? size : 1);
    PyObject *fresh = PyList_New(0);
    if (args && buf && fresh && __wasi_args_get((uint8_t **)args, (uint8_t *)buf) == 0) {
        for (__wasi_size_t i = 0; i < argc; i++) {
            PyObject *a = PyUnicode_DecodeFSDefault(args[i]);
            if (!a || PyList_Append(fresh, a) != 0) PyErr_Clear();
            Py_XDECREF(a);
        }
        if (PyList_SetSlice(argv, 0, PyList_GET_SIZE(argv), fresh) != 0) PyErr_Clear();
    }
    Py_XDECREF(fresh);
    free(buf);
    free(args);
}

void pl_refresh_once(void) {
    if (refreshed) return;
    refreshed = true;
    PyObject *modules = PyImport_GetModuleDict();
    if (modules) refresh_environment(modules);
    refresh_argv();
    /* random's generator was seeded at build time from the build's (fixed) entropy: reseed it from this instance's */
    PyObject *random = modules ? PyDict_GetItemString(modules, "random") : NULL; /* borrowed */
    if (random) {
        PyObject *r = PyObject_CallMethod(random, "seed", NULL);
        if (!r) PyErr_Print();
        Py_XDECREF(r);
    }
}
