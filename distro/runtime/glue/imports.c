/* Calling an import: lower Python args into flat slots, call the host's generic call_import, lift results. */
#include "rt.h"
#include <stdlib.h>

static PyObject *lower_and_call(pl_function *fn, uint32_t index, PyObject *seq, pl_allocs *allocs, pl_handles *drops) {
    pl_lower_ctx cx = {allocs, drops};
    /* params, plus one slot for a return area pointer */
    uint64_t slots[PL_MAX_FLAT_PARAMS + 1];
    uint32_t used;
    if (fn->flat_params > PL_MAX_FLAT_PARAMS) {
        void *tuple = pl_alloc(allocs, fn->params_size, fn->params_align);
        if (!tuple) return NULL;
        for (uint32_t i = 0; i < fn->param_count; i++)
            if (pl_lower_mem(&cx, fn->param_type[i], PySequence_Fast_GET_ITEM(seq, i),
                             (uint32_t)(uintptr_t)tuple + fn->param_offset[i]) != 0)
                return NULL;
        slots[0] = (uint32_t)(uintptr_t)tuple;
        used = 1;
    } else {
        pl_flat f = {(uint32_t)(uintptr_t)slots, 0, fn->flat_params};
        for (uint32_t i = 0; i < fn->param_count; i++)
            if (pl_lower_flat(&cx, fn->param_type[i], PySequence_Fast_GET_ITEM(seq, i), &f) != 0) return NULL;
        used = fn->flat_params;
    }
    pl_type *rt = fn->has_result ? &pl_desc.types[fn->result_type] : NULL;
    uint32_t area = 0;
    if (rt && rt->flat > PL_MAX_FLAT_RESULTS) {
        void *p = pl_alloc(allocs, rt->size, rt->align);
        if (!p) return NULL;
        area = (uint32_t)(uintptr_t)p;
        slots[used++] = area;
    }
    uint64_t result_slot = 0;
    pl_host_call_import((int32_t)index, (int32_t)(uintptr_t)slots, (int32_t)(uintptr_t)&result_slot);
    for (uint32_t i = 0; i < drops->count; i++)
        pl_host_resource_drop((int32_t)drops->pairs[2 * i], (int32_t)drops->pairs[2 * i + 1]);
    drops->count = 0;
    /* results written by the host: strings and lists in them were allocated with cabi_realloc and are ours */
    pl_lift_ctx lcx = {true, NULL};
    if (!rt) Py_RETURN_NONE;
    if (area) return pl_lift_mem(&lcx, fn->result_type, area);
    pl_flat f = {(uint32_t)(uintptr_t)&result_slot, 0, rt->flat};
    return pl_lift_flat(&lcx, fn->result_type, &f);
}

/* result<T, E> returns of result_raises imports: the ok payload, or raise Err(payload). */
static PyObject *unwrap_result(pl_function *fn, PyObject *value) {
    uint32_t c;
    PyObject *payload;
    int rc = pl_classify_case(&pl_desc.types[fn->result_type], value, &c, &payload);
    Py_DECREF(value);
    if (rc != 0) return NULL;
    if (!payload) payload = Py_NewRef(Py_None);
    if (c == 0) return payload;
    PyObject *err = PyObject_CallOneArg(pl_Err, payload);
    Py_DECREF(payload);
    if (err) {
        PyErr_SetObject((PyObject *)Py_TYPE(err), err);
        Py_DECREF(err);
    }
    return NULL;
}

PyObject *pl_call_import(uint32_t index, PyObject *args) {
    if (index >= pl_desc.import_count) {
        PyErr_Format(PyExc_IndexError, "import index %u out of range (%u imports)", index, pl_desc.import_count);
        return NULL;
    }
    pl_function *fn = &pl_desc.imports[index];
    PyObject *seq = PySequence_Fast(args, "call_import: args must be a sequence");
    if (!seq) return NULL;
    if ((uint32_t)PySequence_Fast_GET_SIZE(seq) != fn->param_count) {
        PyErr_Format(PyExc_TypeError, "%s takes %u arguments, got %zd", fn->wit_name, fn->param_count,
                     PySequence_Fast_GET_SIZE(seq));
        Py_DECREF(seq);
        return NULL;
    }
    pl_allocs allocs = {0};
    pl_handles drops = {0};
    PyObject *r = lower_and_call(fn, index, seq, &allocs, &drops);
    /* a lowering error leaves temporary handles behind: drop them too */
    for (uint32_t i = 0; i < drops.count; i++)
        pl_host_resource_drop((int32_t)drops.pairs[2 * i], (int32_t)drops.pairs[2 * i + 1]);
    pl_allocs_free(&allocs);
    free(allocs.ptr);
    free(drops.pairs);
    Py_DECREF(seq);
    if (r && fn->result_raises) return unwrap_result(fn, r);
    return r;
}
