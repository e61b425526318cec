/* Reseeding `random` on the first export call: an instance restored from a build-time snapshot would otherwise
 * repeat, in every run, the random state captured at pre-initialisation. */
#include "rt.h"

static bool reseeded;

void pl_reseed_once(void) {
    if (reseeded) return;
    reseeded = true;
    PyObject *name = PyUnicode_FromString("random");
    PyObject *random = name ? PyImport_GetModule(name) : NULL; /* only if the app imported it */
    Py_XDECREF(name);
    if (!random) {
        PyErr_Clear();
        return;
    }
    PyObject *r = PyObject_CallMethod(random, "seed", NULL); /* os.urandom: WASI random_get */
    Py_DECREF(random);
    if (!r) pl_trap_python("reseeding random failed");
    Py_DECREF(r);
}
