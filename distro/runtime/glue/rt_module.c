/* The built-in module `_pipeline_rt`: what generated bindings (and dynamic-mode apps) call into. */
#include "rt.h"
#include <string.h>

static PyObject *rt_call_import(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) return PyErr_Format(PyExc_TypeError, "call_import(index, args) takes 2 arguments");
    unsigned long index = PyLong_AsUnsignedLong(args[0]);
    if (index == (unsigned long)-1 && PyErr_Occurred()) return NULL;
    return pl_call_import((uint32_t)index, args[1]);
}

static PyObject *rt_find_import(PyObject *self, PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return NULL;
    for (uint32_t i = 0; i < pl_desc.import_count; i++)
        if (strcmp(pl_desc.imports[i].wit_name, s) == 0) return PyLong_FromUnsignedLong(i);
    return PyErr_Format(PyExc_KeyError, "no import named %R", name);
}

static PyObject *rt_resource_drop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) return PyErr_Format(PyExc_TypeError, "resource_drop(resource_index, handle_or_object)");
    unsigned long r = PyLong_AsUnsignedLong(args[0]);
    if (r == (unsigned long)-1 && PyErr_Occurred()) return NULL;
    if (r >= pl_desc.resource_count || pl_desc.resources[r].exported)
        return PyErr_Format(PyExc_ValueError, "resource_drop: %lu is not an imported resource", r);
    uint32_t handle;
    if (pl_resource_imported_handle((uint32_t)r, args[1], true, &handle) != 0) return NULL;
    pl_host_resource_drop((int32_t)r, (int32_t)handle);
    Py_RETURN_NONE;
}

static PyObject *rt_wrap_handle(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) return PyErr_Format(PyExc_TypeError, "wrap_handle(resource_index, handle)");
    unsigned long r = PyLong_AsUnsignedLong(args[0]);
    unsigned long h = PyErr_Occurred() ? 0 : PyLong_AsUnsignedLong(args[1]);
    if (PyErr_Occurred()) return NULL;
    if (r >= pl_desc.resource_count || pl_desc.resources[r].exported)
        return PyErr_Format(PyExc_ValueError, "wrap_handle: %lu is not an imported resource", r);
    return pl_resource_wrap_imported((uint32_t)r, (uint32_t)h);
}

/* source(name): (is_package, source bytes) of a module shipped as source, or None. */
static PyObject *rt_source(PyObject *self, PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return NULL;
    for (uint32_t i = 0; i < pl_img.source_count; i++) {
        pl_source *src = &pl_img.sources[i];
        if (strcmp(src->name, s) == 0)
            return Py_BuildValue("(Oy#)", src->is_package ? Py_True : Py_False, (const char *)src->data, (Py_ssize_t)src->size);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"source", rt_source, METH_O, "source(name): (is_package, bytes) of a module shipped as source, or None."},
    {"call_import", (PyCFunction)(void (*)(void))rt_call_import, METH_FASTCALL,
     "call_import(index, args): call import `index` with a sequence of arguments; returns its result "
     "(for result-raising imports the ok value, or raises Err)."},
    {"find_import", rt_find_import, METH_O, "find_import(wit_name): the index of the import with that name."},
    {"resource_drop", (PyCFunction)(void (*)(void))rt_resource_drop, METH_FASTCALL,
     "resource_drop(resource_index, obj_or_handle): drop an imported resource handle (marks obj moved)."},
    {"wrap_handle", (PyCFunction)(void (*)(void))rt_wrap_handle, METH_FASTCALL,
     "wrap_handle(resource_index, handle): the Python object for an imported resource handle."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pipeline_rt", "The pipeline runtime's interface for bindings.", -1, methods, NULL, NULL, NULL, NULL,
};

PyObject *pl_rt_module_init(void) {
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddIntConstant(m, "MODE", pl_desc.mode) != 0) Py_CLEAR(m);
    return m;
}
