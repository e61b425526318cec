/* Resolves the Python classes and export targets named in the descriptor ("module:QualName"). */
#include "rt.h"
#include <stdlib.h>
#include <string.h>

PyObject *pl_resolve_name(const char *spec) {
    const char *colon = strchr(spec, ':');
    PyObject *module_name = colon ? PyUnicode_FromStringAndSize(spec, colon - spec) : PyUnicode_FromString(spec);
    if (!module_name) return NULL;
    PyObject *obj = PyImport_Import(module_name);
    Py_DECREF(module_name);
    if (!obj || !colon) return obj;
    const char *part = colon + 1;
    while (obj && *part) {
        const char *dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        PyObject *attr_name = PyUnicode_FromStringAndSize(part, (Py_ssize_t)len);
        PyObject *next = attr_name ? PyObject_GetAttr(obj, attr_name) : NULL;
        Py_XDECREF(attr_name);
        Py_DECREF(obj);
        obj = next;
        part += len + (dot ? 1 : 0);
    }
    return obj;
}

/* A name without a module is looked up in the app module. */
static PyObject *resolve_in(const char *spec, const char *app_module) {
    if (strchr(spec, ':')) return pl_resolve_name(spec);
    PyObject *app = PyImport_ImportModule(app_module);
    if (!app) return NULL;
    PyObject *obj = PyObject_GetAttrString(app, spec);
    Py_DECREF(app);
    return obj;
}

static int resolve_type(pl_descriptor *d, pl_type *t) {
    bool dynamic = d->mode == 1;
    if (t->kind == PL_RECORD) {
        t->py_items = calloc(t->n ? t->n : 1, sizeof(PyObject *));
        if (!t->py_items) return (PyErr_NoMemory(), -1);
        for (uint32_t i = 0; i < t->n; i++)
            if (!(t->py_items[i] = PyUnicode_InternFromString(t->name[i]))) return -1;
    }
    if (t->kind == PL_VARIANT || t->kind == PL_ENUM || t->kind == PL_FLAGS) {
        t->py_items = calloc(t->n ? t->n : 1, sizeof(PyObject *));
        if (!t->py_items) return (PyErr_NoMemory(), -1);
    }
    if (dynamic) {
        if (t->kind == PL_VARIANT || t->kind == PL_ENUM || t->kind == PL_FLAGS)
            for (uint32_t i = 0; i < t->n; i++)
                if (!(t->py_items[i] = PyUnicode_InternFromString(t->name[i]))) return -1;
        return 0;
    }
    if (t->py_class_name && t->py_class_name[0]) {
        if (!(t->py_class = pl_resolve_name(t->py_class_name))) return -1;
    } else if (t->kind == PL_RECORD || t->kind == PL_ENUM || t->kind == PL_FLAGS) {
        PyErr_Format(PyExc_ValueError, "descriptor: a %s type has no Python class",
                     t->kind == PL_RECORD ? "record" : t->kind == PL_ENUM ? "enum" : "flags");
        return -1;
    }
    if (t->kind == PL_VARIANT)
        for (uint32_t i = 0; i < t->n; i++)
            if (!(t->py_items[i] = pl_resolve_name(t->name[i]))) return -1;
    if (t->kind == PL_ENUM) {
        PyObject *members = PySequence_List(t->py_class);
        if (!members) return -1;
        if ((uint32_t)PyList_GET_SIZE(members) != t->n) {
            PyErr_Format(PyExc_ValueError, "enum %s has %zd members, the WIT type %u", t->py_class_name,
                         PyList_GET_SIZE(members), t->n);
            Py_DECREF(members);
            return -1;
        }
        for (uint32_t i = 0; i < t->n; i++) t->py_items[i] = Py_NewRef(PyList_GET_ITEM(members, i));
        Py_DECREF(members);
    }
    return 0;
}

/* The object an export's method is looked up on; classes of freestanding exports are instantiated once. */
static PyObject *export_owner(pl_descriptor *d, pl_function *f, const char *app_module, PyObject *instances) {
    if (f->kind == PL_METHOD) return NULL;
    const char *target = f->py_target;
    if ((!target || !target[0]) && f->resource != PL_NO_RESOURCE) target = d->resources[f->resource].py_class_name;
    if (!target || !target[0]) {
        PyErr_Format(PyExc_ValueError, "export %s names no Python target", f->wit_name);
        return NULL;
    }
    if (f->kind != PL_FREESTANDING) return resolve_in(target, app_module);
    PyObject *cached = PyDict_GetItemString(instances, target);
    if (cached) return Py_NewRef(cached);
    PyObject *obj = resolve_in(target, app_module);
    if (obj && PyType_Check(obj)) {
        PyObject *instance = PyObject_CallNoArgs(obj);
        Py_DECREF(obj);
        obj = instance;
    }
    if (obj && PyDict_SetItemString(instances, target, obj) != 0) Py_CLEAR(obj);
    return obj;
}

int pl_resolve_descriptor(pl_descriptor *d, const char *app_module) {
    for (uint32_t i = 0; i < d->type_count; i++)
        if (resolve_type(d, &d->types[i]) != 0) return -1;
    if (d->mode == 0)
        for (uint32_t i = 0; i < d->resource_count; i++) {
            pl_resource *r = &d->resources[i];
            if (r->py_class_name && r->py_class_name[0] && !(r->py_class = resolve_in(r->py_class_name, app_module)))
                return -1;
        }
    PyObject *instances = PyDict_New();
    if (!instances) return -1;
    for (uint32_t i = 0; i < d->export_count; i++) {
        pl_function *f = &d->exports[i];
        if (f->kind == PL_METHOD) continue;
        if (!(f->py_callable_owner = export_owner(d, f, app_module, instances))) {
            Py_DECREF(instances);
            return -1;
        }
    }
    Py_DECREF(instances);
    return 0;
}
