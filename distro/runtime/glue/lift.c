/* Lifting: canonical-ABI values (flat slots or linear memory) into Python objects. Invalid values from
 * the other side trap with a message, as the canonical ABI requires. */
#include "rt.h"
#include <stdlib.h>
#include <string.h>

#define TYPE(ti) (&pl_desc.types[ti])

static uint32_t load_u32(uint32_t ptr) { uint32_t v; memcpy(&v, (void *)(uintptr_t)ptr, 4); return v; }
static uint64_t load_u64(uint32_t ptr) { uint64_t v; memcpy(&v, (void *)(uintptr_t)ptr, 8); return v; }
static uint16_t load_u16(uint32_t ptr) { uint16_t v; memcpy(&v, (void *)(uintptr_t)ptr, 2); return v; }
static uint8_t load_u8(uint32_t ptr) { return *(const uint8_t *)(uintptr_t)ptr; }

static PyObject *lift_char(uint32_t cp) {
    if (cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF)) pl_trap("char: invalid code point 0x%x", cp);
    return PyUnicode_FromOrdinal((int)cp);
}

static PyObject *lift_f32(uint32_t bits) { float f; memcpy(&f, &bits, 4); return PyFloat_FromDouble(f); }
static PyObject *lift_f64(uint64_t bits) { double d; memcpy(&d, &bits, 8); return PyFloat_FromDouble(d); }

static void release(pl_lift_ctx *cx, uint32_t ptr, uint64_t bytes) {
    if (cx->free_buffers && bytes) free((void *)(uintptr_t)ptr);
}

static PyObject *lift_string(pl_lift_ctx *cx, uint32_t ptr, uint32_t len) {
    pl_check_range(ptr, len, 1, "string");
    PyObject *s = PyUnicode_DecodeUTF8((const char *)(uintptr_t)ptr, len, "strict");
    if (!s) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
            PyErr_Clear();
            pl_trap("string: invalid UTF-8 at [%u, +%u)", ptr, len);
        }
        return NULL;
    }
    release(cx, ptr, len);
    return s;
}

static PyObject *lift_list(pl_lift_ctx *cx, uint32_t elem_ti, uint32_t ptr, uint32_t len) {
    pl_type *e = TYPE(elem_ti);
    uint64_t bytes = (uint64_t)len * e->size;
    pl_check_range(ptr, bytes, e->align, "list");
    PyObject *out;
    if (e->kind == PL_U8) {
        out = PyBytes_FromStringAndSize((const char *)(uintptr_t)ptr, len);
    } else {
        out = PyList_New(len);
        for (uint32_t i = 0; out && i < len; i++) {
            PyObject *item = pl_lift_mem(cx, elem_ti, ptr + i * e->size);
            if (!item) Py_CLEAR(out);
            else PyList_SET_ITEM(out, i, item);
        }
    }
    if (out) release(cx, ptr, bytes);
    return out;
}

static PyObject *lift_handle(pl_lift_ctx *cx, pl_type *t, uint32_t value) {
    uint32_t r = t->resource;
    if (!pl_desc.resources[r].exported) {
        if (t->kind == PL_BORROW && cx->borrows_to_end) pl_handles_push(cx->borrows_to_end, r, value);
        return pl_resource_wrap_imported(r, value);
    }
    if (t->kind == PL_BORROW) return Py_NewRef(pl_resource_object(r, value)); /* borrows of our own: the rep */
    uint32_t rep = (uint32_t)pl_host_resource_rep((int32_t)r, (int32_t)value);
    PyObject *obj = Py_NewRef(pl_resource_object(r, rep));
    pl_host_resource_drop((int32_t)r, (int32_t)value); /* ownership moves to Python: the handle goes away */
    return obj;
}

static PyObject *sequence(pl_lift_ctx *cx, pl_type *t, pl_flat *f, uint32_t ptr) {
    PyObject *items[t->n ? t->n : 1];
    uint32_t done = 0;
    PyObject *out = NULL;
    for (; done < t->n; done++) {
        items[done] = f ? pl_lift_flat(cx, t->child[done], f) : pl_lift_mem(cx, t->child[done], ptr + t->offset[done]);
        if (!items[done]) goto end;
    }
    if (t->kind == PL_TUPLE) {
        out = PyTuple_New(t->n);
        for (uint32_t i = 0; out && i < t->n; i++) PyTuple_SET_ITEM(out, i, Py_NewRef(items[i]));
    } else {
        out = pl_make_record(t, items);
    }
end:
    for (uint32_t i = 0; i < done; i++) Py_DECREF(items[i]);
    return out;
}

static PyObject *make_case(pl_type *t, uint32_t c, PyObject *payload) {
    PyObject *out = pl_make_case(t, c, payload);
    Py_XDECREF(payload);
    return out;
}

static uint32_t check_case(pl_type *t, uint32_t c) {
    if (c >= t->n) pl_trap("%s: discriminant %u out of range (%u cases)", t->kind == PL_ENUM ? "enum" :
                           t->kind == PL_OPTION ? "option" : t->kind == PL_RESULT ? "result" : "variant", c, t->n);
    return c;
}

static uint32_t flags_mask(pl_type *t) { return t->n >= 32 ? 0xFFFFFFFFu : (1u << t->n) - 1; }

PyObject *pl_lift_flat(pl_lift_ctx *cx, uint32_t ti, pl_flat *f) {
    pl_type *t = TYPE(ti);
    switch (t->kind) {
    case PL_BOOL: return PyBool_FromLong(pl_flat_next_i32(f) != 0);
    case PL_S8: return PyLong_FromLong((int8_t)pl_flat_next_i32(f));
    case PL_U8: return PyLong_FromLong((uint8_t)pl_flat_next_i32(f));
    case PL_S16: return PyLong_FromLong((int16_t)pl_flat_next_i32(f));
    case PL_U16: return PyLong_FromLong((uint16_t)pl_flat_next_i32(f));
    case PL_S32: return PyLong_FromLong((int32_t)pl_flat_next_i32(f));
    case PL_U32: return PyLong_FromUnsignedLong(pl_flat_next_i32(f));
    case PL_S64: return PyLong_FromLongLong((int64_t)pl_flat_next_i64(f));
    case PL_U64: return PyLong_FromUnsignedLongLong(pl_flat_next_i64(f));
    case PL_F32: return lift_f32(pl_flat_next_i32(f));
    case PL_F64: return lift_f64(pl_flat_next_i64(f));
    case PL_CHAR: return lift_char(pl_flat_next_i32(f));
    case PL_STRING: {
        uint32_t ptr = pl_flat_next_i32(f), len = pl_flat_next_i32(f);
        return lift_string(cx, ptr, len);
    }
    case PL_LIST: {
        uint32_t ptr = pl_flat_next_i32(f), len = pl_flat_next_i32(f);
        return lift_list(cx, t->child[0], ptr, len);
    }
    case PL_RECORD: case PL_TUPLE: return sequence(cx, t, f, 0);
    case PL_ENUM: return make_case(t, check_case(t, pl_flat_next_i32(f)), NULL);
    case PL_VARIANT: case PL_OPTION: case PL_RESULT: {
        uint32_t end = f->pos + t->flat;
        uint32_t c = check_case(t, pl_flat_next_i32(f));
        PyObject *payload = NULL;
        if (t->child[c] != PL_NO_TYPE && !(payload = pl_lift_flat(cx, t->child[c], f))) return NULL;
        pl_flat_skip_to(f, end, false);
        return make_case(t, c, payload);
    }
    case PL_FLAGS: return pl_make_flags(t, t->n ? pl_flat_next_i32(f) & flags_mask(t) : 0);
    case PL_OWN: case PL_BORROW: return lift_handle(cx, t, pl_flat_next_i32(f));
    }
    pl_trap("lift: unknown type kind %u", t->kind);
}

PyObject *pl_lift_mem(pl_lift_ctx *cx, uint32_t ti, uint32_t ptr) {
    pl_type *t = TYPE(ti);
    switch (t->kind) {
    case PL_BOOL: return PyBool_FromLong(load_u8(ptr) != 0);
    case PL_S8: return PyLong_FromLong((int8_t)load_u8(ptr));
    case PL_U8: return PyLong_FromLong(load_u8(ptr));
    case PL_S16: return PyLong_FromLong((int16_t)load_u16(ptr));
    case PL_U16: return PyLong_FromLong(load_u16(ptr));
    case PL_S32: return PyLong_FromLong((int32_t)load_u32(ptr));
    case PL_U32: return PyLong_FromUnsignedLong(load_u32(ptr));
    case PL_S64: return PyLong_FromLongLong((int64_t)load_u64(ptr));
    case PL_U64: return PyLong_FromUnsignedLongLong(load_u64(ptr));
    case PL_F32: return lift_f32(load_u32(ptr));
    case PL_F64: return lift_f64(load_u64(ptr));
    case PL_CHAR: return lift_char(load_u32(ptr));
    case PL_STRING: return lift_string(cx, load_u32(ptr), load_u32(ptr + 4));
    case PL_LIST: return lift_list(cx, t->child[0], load_u32(ptr), load_u32(ptr + 4));
    case PL_RECORD: case PL_TUPLE: return sequence(cx, t, NULL, ptr);
    case PL_ENUM: case PL_VARIANT: case PL_OPTION: case PL_RESULT: {
        uint32_t c = t->disc_size == 1 ? load_u8(ptr) : t->disc_size == 2 ? load_u16(ptr) : load_u32(ptr);
        check_case(t, c);
        PyObject *payload = NULL;
        if (t->kind != PL_ENUM && t->child[c] != PL_NO_TYPE &&
            !(payload = pl_lift_mem(cx, t->child[c], ptr + t->payload_offset)))
            return NULL;
        return make_case(t, c, payload);
    }
    case PL_FLAGS: {
        uint32_t bits = t->size == 0 ? 0 : t->size == 1 ? load_u8(ptr) : t->size == 2 ? load_u16(ptr) : load_u32(ptr);
        return pl_make_flags(t, bits & flags_mask(t));
    }
    case PL_OWN: case PL_BORROW: return lift_handle(cx, t, load_u32(ptr));
    }
    pl_trap("lift: unknown type kind %u", t->kind);
}
