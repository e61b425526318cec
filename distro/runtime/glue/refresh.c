/* State that must not be shared by every instance of a pre-initialised component: refreshed on the first call. */
#include "rt.h"
#include <stdbool.h>

/* False in a snapshot taken after pipeline_init (no export ran at build time), so every instance refreshes once. */
static bool refreshed;

void pl_refresh_once(void) {
    if (refreshed) return;
    refreshed = true;
    /* random's generator was seeded at build time from the build's (fixed) entropy: reseed it from this instance's */
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *random = modules ? PyDict_GetItemString(modules, "random") : NULL; /* borrowed */
    if (random) {
        PyObject *r = PyObject_CallMethod(random, "seed", NULL);
        if (!r) PyErr_Print();
        Py_XDECREF(r);
    }
}
