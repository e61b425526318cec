/* The Python value model of compound types, per descriptor mode: static (generated classes) or dynamic
 * (dict, (case, payload) tuples, names, sets of names, ("ok"|"err", value)). */
#include "rt.h"
#include <string.h>

static bool dynamic(void) { return pl_desc.mode == 1; }

PyObject *pl_make_record(pl_type *t, PyObject **fields) {
    if (!dynamic()) return PyObject_Vectorcall(t->py_class, fields, t->n, NULL);
    PyObject *d = PyDict_New();
    for (uint32_t i = 0; d && i < t->n; i++)
        if (PyDict_SetItem(d, t->py_items[i], fields[i]) != 0) Py_CLEAR(d);
    return d;
}

PyObject *pl_record_field(pl_type *t, PyObject *obj, uint32_t i) {
    if (dynamic()) {
        PyObject *v = PyDict_Check(obj) ? PyDict_GetItemWithError(obj, t->py_items[i]) : NULL;
        if (v) return Py_NewRef(v);
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "record: expected a dict with key '%s'", t->name[i]);
        return NULL;
    }
    return PyObject_GetAttr(obj, t->py_items[i]);
}

static PyObject *pair(const char *tag, PyObject *payload) {
    return Py_BuildValue("(sO)", tag, payload ? payload : Py_None);
}

PyObject *pl_make_case(pl_type *t, uint32_t c, PyObject *payload) {
    switch (t->kind) {
    case PL_ENUM:
        return Py_NewRef(t->py_items[c]);
    case PL_OPTION:
        if (c == 0) Py_RETURN_NONE;
        return t->wrap_some ? PyObject_CallOneArg(pl_Some, payload) : Py_NewRef(payload);
    case PL_RESULT:
        if (dynamic()) return pair(c == 0 ? "ok" : "err", payload);
        return PyObject_CallOneArg(c == 0 ? pl_Ok : pl_Err, payload ? payload : Py_None);
    default: /* PL_VARIANT */
        if (dynamic()) return Py_BuildValue("(OO)", t->py_items[c], payload ? payload : Py_None);
        return payload ? PyObject_CallOneArg(t->py_items[c], payload) : PyObject_CallNoArgs(t->py_items[c]);
    }
}

static int payload_of(pl_type *t, uint32_t c, PyObject *obj, PyObject **payload) {
    *payload = NULL;
    if (t->child[c] == PL_NO_TYPE) return 0;
    *payload = PyObject_GetAttrString(obj, "value");
    return *payload ? 0 : -1;
}

/* Dynamic (tag, payload) pairs; a bare tag string stands for a case without payload. */
static int classify_pair(pl_type *t, PyObject *obj, const char *const *tags, uint32_t *c, PyObject **payload) {
    PyObject *tag = obj, *value = NULL;
    if (PyTuple_Check(obj) && PyTuple_GET_SIZE(obj) == 2) {
        tag = PyTuple_GET_ITEM(obj, 0);
        value = PyTuple_GET_ITEM(obj, 1);
    }
    if (PyUnicode_Check(tag)) {
        const char *s = PyUnicode_AsUTF8(tag);
        if (!s) return -1;
        for (uint32_t i = 0; i < t->n; i++)
            if (strcmp(s, tags ? tags[i] : t->name[i]) == 0) {
                *c = i;
                *payload = t->child[i] == PL_NO_TYPE ? NULL : Py_XNewRef(value ? value : Py_None);
                return 0;
            }
    }
    PyErr_Format(PyExc_TypeError, "expected a (case, payload) tuple naming a case, got %R", obj);
    return -1;
}

int pl_classify_case(pl_type *t, PyObject *obj, uint32_t *c, PyObject **payload) {
    *payload = NULL;
    switch (t->kind) {
    case PL_ENUM: {
        if (dynamic()) {
            for (uint32_t i = 0; i < t->n; i++) {
                int eq = PyObject_RichCompareBool(obj, t->py_items[i], Py_EQ);
                if (eq < 0) return -1;
                if (eq) { *c = i; return 0; }
            }
            PyErr_Format(PyExc_ValueError, "%R is not a member name of the enum", obj);
            return -1;
        }
        for (uint32_t i = 0; i < t->n; i++)
            if (obj == t->py_items[i]) { *c = i; return 0; }
        PyErr_Format(PyExc_TypeError, "expected a member of %s, got %R", t->py_class_name, obj);
        return -1;
    }
    case PL_OPTION:
        if (obj == Py_None) { *c = 0; return 0; }
        *c = 1;
        if (!t->wrap_some) { *payload = Py_NewRef(obj); return 0; }
        if (PyObject_IsInstance(obj, pl_Some) != 1) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_TypeError, "expected None or Some(...), got %R", obj);
            return -1;
        }
        return payload_of(t, 1, obj, payload);
    case PL_RESULT: {
        static const char *const tags[] = {"ok", "err"};
        if (dynamic()) return classify_pair(t, obj, tags, c, payload);
        int ok = PyObject_IsInstance(obj, pl_Ok);
        int err = ok == 0 ? PyObject_IsInstance(obj, pl_Err) : 0;
        if (ok < 0 || err < 0) return -1;
        if (!ok && !err) { PyErr_Format(PyExc_TypeError, "expected Ok(...) or Err(...), got %R", obj); return -1; }
        *c = ok ? 0 : 1;
        return payload_of(t, *c, obj, payload);
    }
    default: /* PL_VARIANT */
        if (dynamic()) return classify_pair(t, obj, NULL, c, payload);
        for (uint32_t i = 0; i < t->n; i++) {
            int is = PyObject_IsInstance(obj, t->py_items[i]);
            if (is < 0) return -1;
            if (is) { *c = i; return payload_of(t, i, obj, payload); }
        }
        PyErr_Format(PyExc_TypeError, "expected a case of variant %s, got %R",
                     t->py_class_name && t->py_class_name[0] ? t->py_class_name : "(anonymous)", obj);
        return -1;
    }
}

PyObject *pl_make_flags(pl_type *t, uint32_t bits) {
    if (!dynamic()) return PyObject_CallFunction(t->py_class, "k", (unsigned long)bits);
    PyObject *set = PySet_New(NULL);
    for (uint32_t i = 0; set && i < t->n; i++)
        if ((bits >> i & 1) && PySet_Add(set, t->py_items[i]) != 0) Py_CLEAR(set);
    return set;
}

int pl_flags_bits(pl_type *t, PyObject *obj, uint32_t *bits) {
    uint64_t limit = t->n >= 32 ? 0xFFFFFFFFull : ((1ull << t->n) - 1);
    if (!dynamic()) {
        PyObject *v = PyObject_GetAttrString(obj, "value");
        if (!v) return -1;
        unsigned long long b = PyLong_AsUnsignedLongLong(v);
        Py_DECREF(v);
        if (b == (unsigned long long)-1 && PyErr_Occurred()) return -1;
        if (b > limit) { PyErr_Format(PyExc_ValueError, "flags value %llu has undefined bits", b); return -1; }
        *bits = (uint32_t)b;
        return 0;
    }
    PyObject *it = PyObject_GetIter(obj), *item;
    if (!it) return -1;
    *bits = 0;
    while ((item = PyIter_Next(it))) {
        uint32_t i = 0;
        for (; i < t->n; i++) {
            int eq = PyObject_RichCompareBool(item, t->py_items[i], Py_EQ);
            if (eq < 0) { Py_DECREF(item); Py_DECREF(it); return -1; }
            if (eq) break;
        }
        if (i == t->n) {
            PyErr_Format(PyExc_ValueError, "%R is not a flag name", item);
            Py_DECREF(item);
            Py_DECREF(it);
            return -1;
        }
        *bits |= 1u << i;
        Py_DECREF(item);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}
