/* Lowering: Python objects into canonical-ABI values (flat slots or linear memory). A Python value that
 * does not fit its WIT type raises a Python exception (TypeError, ValueError, OverflowError). */
#include "rt.h"
#include <string.h>

#define TYPE(ti) (&pl_desc.types[ti])

static void store_u8(uint32_t p, uint8_t v) { *(uint8_t *)(uintptr_t)p = v; }
static void store_u16(uint32_t p, uint16_t v) { memcpy((void *)(uintptr_t)p, &v, 2); }
static void store_u32(uint32_t p, uint32_t v) { memcpy((void *)(uintptr_t)p, &v, 4); }
static void store_u64(uint32_t p, uint64_t v) { memcpy((void *)(uintptr_t)p, &v, 8); }

static const char *kind_name(uint8_t k) {
    static const char *const names[] = {"bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64",
                                        "char", "string", "list", "record", "tuple", "variant", "enum", "option",
                                        "result", "flags", "own", "borrow"};
    return k < PL_KIND_COUNT ? names[k] : "?";
}

/* Integer kinds: value as the 64-bit pattern that is stored (two's complement for signed kinds). */
static int int_bits(uint8_t kind, PyObject *v, uint64_t *out) {
    if (!PyLong_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s: expected int, got %s", kind_name(kind), Py_TYPE(v)->tp_name);
        return -1;
    }
    if (kind == PL_U64) {
        unsigned long long u = PyLong_AsUnsignedLongLong(v);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) goto range;
        *out = u;
        return 0;
    }
    int overflow = 0;
    long long s = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (s == -1 && PyErr_Occurred()) return -1;
    long long lo, hi;
    switch (kind) {
    case PL_S8: lo = INT8_MIN; hi = INT8_MAX; break;
    case PL_U8: lo = 0; hi = UINT8_MAX; break;
    case PL_S16: lo = INT16_MIN; hi = INT16_MAX; break;
    case PL_U16: lo = 0; hi = UINT16_MAX; break;
    case PL_S32: lo = INT32_MIN; hi = INT32_MAX; break;
    case PL_U32: lo = 0; hi = UINT32_MAX; break;
    default: lo = INT64_MIN; hi = INT64_MAX; break;
    }
    if (overflow || s < lo || s > hi) goto range;
    *out = (uint64_t)s;
    return 0;
range:
    PyErr_Clear();
    PyErr_Format(PyExc_OverflowError, "%s: %R is out of range", kind_name(kind), v);
    return -1;
}

static int char_value(PyObject *v, uint32_t *cp) {
    if (!PyUnicode_Check(v) || PyUnicode_GET_LENGTH(v) != 1) {
        PyErr_Format(PyExc_TypeError, "char: expected a str of length 1, got %R", v);
        return -1;
    }
    *cp = PyUnicode_READ_CHAR(v, 0);
    if (*cp >= 0xD800 && *cp <= 0xDFFF) {
        PyErr_Format(PyExc_ValueError, "char: surrogate U+%04X is not a Unicode scalar value", *cp);
        return -1;
    }
    return 0;
}

static int float_bits(uint8_t kind, PyObject *v, uint64_t *out) {
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred()) return -1;
    if (kind == PL_F32) {
        float f = (float)d;
        uint32_t b;
        memcpy(&b, &f, 4);
        *out = b;
    } else {
        memcpy(out, &d, 8);
    }
    return 0;
}

static int lower_string(pl_lower_ctx *cx, PyObject *v, uint32_t *ptr, uint32_t *len) {
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "string: expected str, got %s", Py_TYPE(v)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    const char *utf8 = PyUnicode_AsUTF8AndSize(v, &n);
    if (!utf8) return -1;
    void *buf = pl_alloc(cx->allocs, (uint32_t)n, 1);
    if (!buf) return -1;
    memcpy(buf, utf8, (size_t)n);
    *ptr = (uint32_t)(uintptr_t)buf;
    *len = (uint32_t)n;
    return 0;
}

static int lower_list(pl_lower_ctx *cx, uint32_t elem_ti, PyObject *v, uint32_t *ptr, uint32_t *len) {
    pl_type *e = TYPE(elem_ti);
    if (e->kind == PL_U8 && PyObject_CheckBuffer(v)) {
        Py_buffer view;
        if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) != 0) return -1;
        void *buf = (uint64_t)view.len > UINT32_MAX ? NULL : pl_alloc(cx->allocs, (uint32_t)view.len, 1);
        if (buf) memcpy(buf, view.buf, (size_t)view.len);
        *ptr = (uint32_t)(uintptr_t)buf;
        *len = (uint32_t)view.len;
        PyBuffer_Release(&view);
        return buf ? 0 : (PyErr_Occurred() ? -1 : (PyErr_NoMemory(), -1));
    }
    if (PyUnicode_Check(v) || PyBytes_Check(v)) {
        PyErr_Format(PyExc_TypeError, "list: expected a list, got %s", Py_TYPE(v)->tp_name);
        return -1;
    }
    PyObject *seq = PySequence_Fast(v, "list: expected a sequence");
    if (!seq) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    uint64_t bytes = (uint64_t)n * e->size;
    if (bytes > UINT32_MAX) { Py_DECREF(seq); PyErr_NoMemory(); return -1; }
    void *buf = pl_alloc(cx->allocs, (uint32_t)bytes, e->align);
    if (!buf) { Py_DECREF(seq); return -1; }
    for (Py_ssize_t i = 0; i < n; i++)
        if (pl_lower_mem(cx, elem_ti, PySequence_Fast_GET_ITEM(seq, i), (uint32_t)(uintptr_t)buf + (uint32_t)i * e->size)) {
            Py_DECREF(seq);
            return -1;
        }
    Py_DECREF(seq);
    *ptr = (uint32_t)(uintptr_t)buf;
    *len = (uint32_t)n;
    return 0;
}

static int lower_handle(pl_lower_ctx *cx, pl_type *t, PyObject *v, uint32_t *out) {
    uint32_t r = t->resource;
    if (!pl_desc.resources[r].exported) return pl_resource_imported_handle(r, v, t->kind == PL_OWN, out);
    if (pl_resource_own_out(r, v, out) != 0) return -1;
    if (t->kind == PL_BORROW) {
        /* a borrow of our own resource handed to an import: a temporary handle, dropped after the call */
        if (!cx->handles_to_drop) { PyErr_SetString(PyExc_TypeError, "borrow<T> cannot be returned"); return -1; }
        pl_handles_push(cx->handles_to_drop, r, *out);
    }
    return 0;
}

/* Record fields / tuple elements, each lowered by `one`. */
static int each_element(pl_lower_ctx *cx, pl_type *t, PyObject *v, pl_flat *f, uint32_t ptr) {
    PyObject *seq = NULL;
    if (t->kind == PL_TUPLE) {
        if (!(seq = PySequence_Fast(v, "tuple: expected a tuple"))) return -1;
        if ((uint32_t)PySequence_Fast_GET_SIZE(seq) != t->n) {
            PyErr_Format(PyExc_TypeError, "tuple: expected %u elements, got %zd", t->n, PySequence_Fast_GET_SIZE(seq));
            Py_DECREF(seq);
            return -1;
        }
    }
    int rc = 0;
    for (uint32_t i = 0; rc == 0 && i < t->n; i++) {
        PyObject *item = seq ? Py_NewRef(PySequence_Fast_GET_ITEM(seq, i)) : pl_record_field(t, v, i);
        if (!item) { rc = -1; break; }
        rc = f ? pl_lower_flat(cx, t->child[i], item, f) : pl_lower_mem(cx, t->child[i], item, ptr + t->offset[i]);
        Py_DECREF(item);
    }
    Py_XDECREF(seq);
    return rc;
}

int pl_lower_case_flat(pl_lower_ctx *cx, uint32_t ti, uint32_t c, PyObject *payload, pl_flat *f) {
    pl_type *t = TYPE(ti);
    uint32_t end = f->pos + t->flat;
    pl_flat_put_i32(f, c);
    if (t->kind != PL_ENUM && t->child[c] != PL_NO_TYPE && pl_lower_flat(cx, t->child[c], payload, f) != 0) return -1;
    pl_flat_skip_to(f, end, true);
    return 0;
}

int pl_lower_case_mem(pl_lower_ctx *cx, uint32_t ti, uint32_t c, PyObject *payload, uint32_t ptr) {
    pl_type *t = TYPE(ti);
    memset((void *)(uintptr_t)ptr, 0, t->size); /* unused payload bytes stay zero: reproducible memory */
    if (t->disc_size == 1) store_u8(ptr, (uint8_t)c);
    else if (t->disc_size == 2) store_u16(ptr, (uint16_t)c);
    else store_u32(ptr, c);
    if (t->kind != PL_ENUM && t->child[c] != PL_NO_TYPE)
        return pl_lower_mem(cx, t->child[c], payload, ptr + t->payload_offset);
    return 0;
}

static int lower_case(pl_lower_ctx *cx, uint32_t ti, PyObject *v, pl_flat *f, uint32_t ptr) {
    uint32_t c;
    PyObject *payload;
    if (pl_classify_case(TYPE(ti), v, &c, &payload) != 0) return -1;
    int rc = f ? pl_lower_case_flat(cx, ti, c, payload, f) : pl_lower_case_mem(cx, ti, c, payload, ptr);
    Py_XDECREF(payload);
    return rc;
}

int pl_lower_flat(pl_lower_ctx *cx, uint32_t ti, PyObject *v, pl_flat *f) {
    pl_type *t = TYPE(ti);
    uint64_t bits;
    uint32_t a, b;
    switch (t->kind) {
    case PL_BOOL: {
        int truth = PyObject_IsTrue(v);
        if (truth < 0) return -1;
        pl_flat_put_i32(f, (uint32_t)truth);
        return 0;
    }
    case PL_S8: case PL_U8: case PL_S16: case PL_U16: case PL_S32: case PL_U32:
        if (int_bits(t->kind, v, &bits) != 0) return -1;
        pl_flat_put_i32(f, (uint32_t)bits);
        return 0;
    case PL_S64: case PL_U64:
        if (int_bits(t->kind, v, &bits) != 0) return -1;
        pl_flat_put_i64(f, bits);
        return 0;
    case PL_F32: case PL_F64:
        if (float_bits(t->kind, v, &bits) != 0) return -1;
        if (t->kind == PL_F32) pl_flat_put_i32(f, (uint32_t)bits);
        else pl_flat_put_i64(f, bits);
        return 0;
    case PL_CHAR:
        if (char_value(v, &a) != 0) return -1;
        pl_flat_put_i32(f, a);
        return 0;
    case PL_STRING: case PL_LIST:
        if ((t->kind == PL_STRING ? lower_string(cx, v, &a, &b) : lower_list(cx, t->child[0], v, &a, &b)) != 0)
            return -1;
        pl_flat_put_i32(f, a);
        pl_flat_put_i32(f, b);
        return 0;
    case PL_RECORD: case PL_TUPLE: return each_element(cx, t, v, f, 0);
    case PL_VARIANT: case PL_ENUM: case PL_OPTION: case PL_RESULT: return lower_case(cx, ti, v, f, 0);
    case PL_FLAGS:
        if (t->n == 0) return 0;
        if (pl_flags_bits(t, v, &a) != 0) return -1;
        pl_flat_put_i32(f, a);
        return 0;
    case PL_OWN: case PL_BORROW:
        if (lower_handle(cx, t, v, &a) != 0) return -1;
        pl_flat_put_i32(f, a);
        return 0;
    }
    pl_trap("lower: unknown type kind %u", t->kind);
}

int pl_lower_mem(pl_lower_ctx *cx, uint32_t ti, PyObject *v, uint32_t ptr) {
    pl_type *t = TYPE(ti);
    uint64_t bits;
    uint32_t a, b;
    switch (t->kind) {
    case PL_BOOL: {
        int truth = PyObject_IsTrue(v);
        if (truth < 0) return -1;
        store_u8(ptr, (uint8_t)truth);
        return 0;
    }
    case PL_S8: case PL_U8: case PL_S16: case PL_U16: case PL_S32: case PL_U32: case PL_S64: case PL_U64:
        if (int_bits(t->kind, v, &bits) != 0) return -1;
        if (t->size == 1) store_u8(ptr, (uint8_t)bits);
        else if (t->size == 2) store_u16(ptr, (uint16_t)bits);
        else if (t->size == 4) store_u32(ptr, (uint32_t)bits);
        else store_u64(ptr, bits);
        return 0;
    case PL_F32: case PL_F64:
        if (float_bits(t->kind, v, &bits) != 0) return -1;
        if (t->kind == PL_F32) store_u32(ptr, (uint32_t)bits);
        else store_u64(ptr, bits);
        return 0;
    case PL_CHAR:
        if (char_value(v, &a) != 0) return -1;
        store_u32(ptr, a);
        return 0;
    case PL_STRING: case PL_LIST:
        if ((t->kind == PL_STRING ? lower_string(cx, v, &a, &b) : lower_list(cx, t->child[0], v, &a, &b)) != 0)
            return -1;
        store_u32(ptr, a);
        store_u32(ptr + 4, b);
        return 0;
    case PL_RECORD: case PL_TUPLE: return each_element(cx, t, v, NULL, ptr);
    case PL_VARIANT: case PL_ENUM: case PL_OPTION: case PL_RESULT: return lower_case(cx, ti, v, NULL, ptr);
    case PL_FLAGS:
        if (t->n == 0) return 0;
        if (pl_flags_bits(t, v, &a) != 0) return -1;
        if (t->size == 1) store_u8(ptr, (uint8_t)a);
        else if (t->size == 2) store_u16(ptr, (uint16_t)a);
        else store_u32(ptr, a);
        return 0;
    case PL_OWN: case PL_BORROW:
        if (lower_handle(cx, t, v, &a) != 0) return -1;
        store_u32(ptr, a);
        return 0;
    }
    pl_trap("lower: unknown type kind %u", t->kind);
}
