/* The generic export entry points: dispatch, post-return and exported-resource destructors. */
#include "rt.h"
#include <stdio.h>
#include <stdlib.h>

static pl_allocs *result_allocs; /* per export: what its last dispatch allocated for results */

static void ready(void) {
    if (pl_ensure_init() != 0) pl_trap("the runtime failed to initialise (see above)");
    pl_refresh_once();
    if (!result_allocs && pl_desc.export_count &&
        !(result_allocs = calloc(pl_desc.export_count, sizeof(pl_allocs))))
        pl_trap("out of memory");
}

static pl_function *export_at(int32_t index) {
    if (index < 0 || (uint32_t)index >= pl_desc.export_count)
        pl_trap("export index %d out of range (%u exports)", index, pl_desc.export_count);
    return &pl_desc.exports[index];
}

static PyObject *lift_params(pl_function *fn, uint32_t params, pl_lift_ctx *cx) {
    PyObject *args = PyTuple_New(fn->param_count);
    if (!args) return NULL;
    if (fn->flat_params > PL_MAX_FLAT_PARAMS) {
        pl_check_range(params, 8, 1, "params slots");
        pl_flat slot = {params, 0, 1};
        uint32_t ptr = pl_flat_next_i32(&slot);
        pl_check_range(ptr, fn->params_size, fn->params_align, "params tuple");
        for (uint32_t i = 0; i < fn->param_count; i++) {
            PyObject *v = pl_lift_mem(cx, fn->param_type[i], ptr + fn->param_offset[i]);
            if (!v) { Py_DECREF(args); return NULL; }
            PyTuple_SET_ITEM(args, i, v);
        }
        if (fn->params_size) free((void *)(uintptr_t)ptr);
    } else {
        pl_check_range(params, (uint64_t)fn->flat_params * 8, 1, "params slots");
        pl_flat slots = {params, 0, fn->flat_params};
        for (uint32_t i = 0; i < fn->param_count; i++) {
            PyObject *v = pl_lift_flat(cx, fn->param_type[i], &slots);
            if (!v) { Py_DECREF(args); return NULL; }
            PyTuple_SET_ITEM(args, i, v);
        }
    }
    return args;
}

static PyObject *call_export(pl_function *fn, PyObject *args) {
    PyObject *owner = fn->py_callable_owner;
    if (fn->kind == PL_CONSTRUCTOR) return PyObject_Call(owner, args, NULL);
    if (fn->kind == PL_METHOD) {
        if (PyTuple_GET_SIZE(args) < 1) {
            PyErr_Format(PyExc_TypeError, "method %s has no self parameter", fn->wit_name);
            return NULL;
        }
        PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
        PyObject *method = rest ? PyObject_GetAttrString(PyTuple_GET_ITEM(args, 0), fn->py_method) : NULL;
        PyObject *r = method ? PyObject_Call(method, rest, NULL) : NULL;
        Py_XDECREF(method);
        Py_XDECREF(rest);
        return r;
    }
    PyObject *method = PyObject_GetAttrString(owner, fn->py_method);
    PyObject *r = method ? PyObject_Call(method, args, NULL) : NULL;
    Py_XDECREF(method);
    return r;
}

static void end_borrows(pl_handles *borrows) {
    for (uint32_t i = 0; i < borrows->count; i++)
        pl_host_resource_drop((int32_t)borrows->pairs[2 * i], (int32_t)borrows->pairs[2 * i + 1]);
    free(borrows->pairs);
}

/* Lowers the outcome: a value, or for result-raising exports (case, payload) of the result type. */
static void lower_results(int32_t index, pl_function *fn, uint32_t results, PyObject *value, int c, PyObject *payload) {
    if (!fn->has_result) return;
    pl_type *rt = &pl_desc.types[fn->result_type];
    pl_lower_ctx cx = {&result_allocs[index], NULL};
    int rc;
    if (rt->flat <= PL_MAX_FLAT_RESULTS) {
        pl_check_range(results, (uint64_t)rt->flat * 8, 1, "results slots");
        pl_flat slots = {results, 0, rt->flat};
        rc = c >= 0 ? pl_lower_case_flat(&cx, fn->result_type, (uint32_t)c, payload, &slots)
                    : pl_lower_flat(&cx, fn->result_type, value, &slots);
    } else {
        pl_check_range(results, 8, 1, "results slots");
        void *area = pl_alloc(&result_allocs[index], rt->size, rt->align);
        if (!area) pl_trap_python("out of memory for results");
        uint32_t ptr = (uint32_t)(uintptr_t)area;
        rc = c >= 0 ? pl_lower_case_mem(&cx, fn->result_type, (uint32_t)c, payload, ptr)
                    : pl_lower_mem(&cx, fn->result_type, value, ptr);
        pl_flat slots = {results, 0, 1};
        pl_flat_put_i32(&slots, ptr);
    }
    if (rc != 0) {
        fprintf(stderr, "pipeline runtime: export %s returned a value that does not fit its WIT type:\n", fn->wit_name);
        pl_trap_python("cannot lower the result");
    }
}

/* Export: calls export `export_index` with flat params, writes flat results. */
__attribute__((export_name("pipeline_dispatch")))
void pipeline_dispatch(int32_t export_index, int32_t params, int32_t results) {
    ready();
    pl_function *fn = export_at(export_index);
    pl_reseed_once();
    pl_allocs_free(&result_allocs[export_index]); /* in case post-return was skipped */
    pl_handles borrows = {0};
    pl_lift_ctx lcx = {true, &borrows};
    PyObject *args = lift_params(fn, (uint32_t)params, &lcx);
    if (!args) pl_trap_python("lifting the parameters failed");
    PyObject *r = call_export(fn, args);
    Py_DECREF(args);
    end_borrows(&borrows);
    if (!r) {
        if (fn->result_raises && PyErr_ExceptionMatches(pl_Err)) {
            PyObject *exc = PyErr_GetRaisedException();
            PyObject *payload = PyObject_GetAttrString(exc, "value");
            Py_DECREF(exc);
            if (!payload) pl_trap_python("Err without a value");
            lower_results(export_index, fn, (uint32_t)results, NULL, 1, payload);
            Py_DECREF(payload);
            return;
        }
        if (PyErr_ExceptionMatches(PyExc_SystemExit)) pl_exit_python();
        fprintf(stderr, "pipeline runtime: export %s raised an exception:\n", fn->wit_name);
        pl_trap_python("unexpected exception in an export");
    }
    if (fn->result_raises) lower_results(export_index, fn, (uint32_t)results, NULL, 0, r);
    else lower_results(export_index, fn, (uint32_t)results, r, -1, NULL);
    Py_DECREF(r);
}

/* Export: frees what the last dispatch of export_index allocated for its results. */
__attribute__((export_name("pipeline_post_return")))
void pipeline_post_return(int32_t export_index) {
    ready();
    export_at(export_index);
    pl_allocs_free(&result_allocs[export_index]);
}

/* Export: the destructor of an exported resource: one handle to rep was dropped. */
__attribute__((export_name("pipeline_resource_dtor")))
void pipeline_resource_dtor(int32_t resource_index, int32_t rep) {
    ready();
    if (resource_index < 0 || (uint32_t)resource_index >= pl_desc.resource_count ||
        !pl_desc.resources[resource_index].exported)
        pl_trap("resource destructor: %d is not an exported resource", resource_index);
    pl_resource_release((uint32_t)resource_index, (uint32_t)rep);
}
