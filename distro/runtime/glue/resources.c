/* Resource tables: exported resources map rep <-> Python object (rep = slot + 1, one strong reference held
 * while any handle to it exists); imported resources are Python wrappers carrying their `handle`. */
#include "rt.h"
#include <stdlib.h>

typedef struct rep_slot {
    PyObject *obj;        /* NULL: free slot */
    uint32_t resource;
    uint32_t handles;     /* live handles created by resource.new for this rep */
} rep_slot;

static rep_slot *slots;
static uint32_t slot_count, slot_cap;
static PyObject *rep_by_id; /* id(obj) -> rep */

static int id_key(PyObject *obj, PyObject **key) {
    *key = PyLong_FromVoidPtr(obj);
    return *key ? 0 : -1;
}

int pl_resource_rep_of(uint32_t resource, PyObject *obj, uint32_t *rep) {
    if (!rep_by_id && !(rep_by_id = PyDict_New())) return -1;
    PyObject *key;
    if (id_key(obj, &key) != 0) return -1;
    PyObject *known = PyDict_GetItemWithError(rep_by_id, key);
    if (known) {
        Py_DECREF(key);
        *rep = (uint32_t)PyLong_AsUnsignedLong(known);
        return 0;
    }
    if (PyErr_Occurred()) { Py_DECREF(key); return -1; }
    uint32_t i = 0;
    while (i < slot_count && slots[i].obj) i++;
    if (i == slot_count) {
        if (slot_count == slot_cap) {
            uint32_t ncap = slot_cap ? slot_cap * 2 : 64;
            rep_slot *p = realloc(slots, ncap * sizeof *p);
            if (!p) { Py_DECREF(key); PyErr_NoMemory(); return -1; }
            slots = p;
            slot_cap = ncap;
        }
        slot_count++;
    }
    PyObject *value = PyLong_FromUnsignedLong(i + 1);
    if (!value || PyDict_SetItem(rep_by_id, key, value) != 0) {
        Py_XDECREF(value);
        Py_DECREF(key);
        return -1;
    }
    Py_DECREF(value);
    Py_DECREF(key);
    slots[i] = (rep_slot){Py_NewRef(obj), resource, 0};
    *rep = i + 1;
    return 0;
}

int pl_resource_own_out(uint32_t resource, PyObject *obj, uint32_t *handle) {
    uint32_t rep;
    if (pl_resource_rep_of(resource, obj, &rep) != 0) return -1;
    slots[rep - 1].handles++;
    *handle = (uint32_t)pl_host_resource_new((int32_t)resource, (int32_t)rep);
    return 0;
}

static rep_slot *slot_of(uint32_t resource, uint32_t rep) {
    if (rep == 0 || rep > slot_count || !slots[rep - 1].obj) pl_trap("resource %u: unknown rep %u", resource, rep);
    if (slots[rep - 1].resource != resource)
        pl_trap("resource %u: rep %u belongs to resource %u", resource, rep, slots[rep - 1].resource);
    return &slots[rep - 1];
}

PyObject *pl_resource_object(uint32_t resource, uint32_t rep) { return slot_of(resource, rep)->obj; }

void pl_resource_release(uint32_t resource, uint32_t rep) {
    rep_slot *s = slot_of(resource, rep);
    if (s->handles > 1) { s->handles--; return; }
    PyObject *obj = s->obj, *key;
    s->obj = NULL;
    s->handles = 0;
    if (id_key(obj, &key) != 0 || PyDict_DelItem(rep_by_id, key) != 0) pl_trap_python("resource table corrupt");
    Py_DECREF(key);
    Py_DECREF(obj);
}

PyObject *pl_resource_wrap_imported(uint32_t resource, uint32_t handle) {
    PyObject *cls = pl_desc.resources[resource].py_class;
    if (pl_desc.mode == 1 || !cls) return PyLong_FromUnsignedLong(handle);
    PyObject *obj = PyObject_CallMethod(cls, "__new__", "O", cls);
    PyObject *h = obj ? PyLong_FromUnsignedLong(handle) : NULL;
    if (!h || PyObject_SetAttrString(obj, "handle", h) != 0) Py_CLEAR(obj);
    Py_XDECREF(h);
    return obj;
}

int pl_resource_imported_handle(uint32_t resource, PyObject *obj, bool take, uint32_t *handle) {
    bool plain = PyLong_Check(obj);
    PyObject *h = plain ? Py_NewRef(obj) : PyObject_GetAttrString(obj, "handle");
    if (!h) return -1;
    if (h == Py_None) {
        Py_DECREF(h);
        PyErr_Format(PyExc_ValueError, "resource %s: the handle was already dropped or moved",
                     pl_desc.resources[resource].py_class_name);
        return -1;
    }
    unsigned long v = PyLong_AsUnsignedLong(h);
    Py_DECREF(h);
    if (v == (unsigned long)-1 && PyErr_Occurred()) return -1;
    if (v > UINT32_MAX) { PyErr_SetString(PyExc_OverflowError, "resource handle out of range"); return -1; }
    if (take && !plain && PyObject_SetAttrString(obj, "handle", Py_None) != 0) return -1;
    *handle = (uint32_t)v;
    return 0;
}
