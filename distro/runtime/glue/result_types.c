/* Ok / Err / Some: from the image's componentize_py_types module, else from a built-in copy of it. */
#include "rt.h"

PyObject *pl_Ok, *pl_Err, *pl_Some;

static const char types_source[] =
    "\"\"\"Result and option helpers shared by generated bindings and apps (Ok, Err, Some, Result).\"\"\"\n"
    "from dataclasses import dataclass\n"
    "from typing import Generic, TypeVar, Union\n"
    "T = TypeVar('T')\n"
    "E = TypeVar('E')\n"
    "@dataclass\n"
    "class Some(Generic[T]):\n"
    "    value: T\n"
    "@dataclass\n"
    "class Ok(Generic[T]):\n"
    "    value: T\n"
    "@dataclass(frozen=True)\n"
    "class Err(Generic[E], Exception):\n"
    "    value: E\n"
    "Result = Union[Ok[T], Err[E]]\n";

static PyObject *builtin_copy(void) {
    PyObject *module = PyImport_AddModuleRef("componentize_py_types");
    if (!module) return NULL;
    PyObject *globals = PyModule_GetDict(module);
    if (PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) != 0) goto error;
    PyObject *r = PyRun_String(types_source, Py_file_input, globals, globals);
    if (!r) goto error;
    Py_DECREF(r);
    return module;
error:
    PyObject_DelItem(PyImport_GetModuleDict(), PyModule_GetNameObject(module));
    Py_DECREF(module);
    return NULL;
}

int pl_result_types_load(bool required) {
    PyObject *module = PyImport_ImportModule("componentize_py_types");
    if (!module && PyErr_ExceptionMatches(PyExc_ModuleNotFoundError)) {
        PyErr_Clear();
        module = builtin_copy();
    }
    if (module) {
        pl_Ok = PyObject_GetAttrString(module, "Ok");
        pl_Err = pl_Ok ? PyObject_GetAttrString(module, "Err") : NULL;
        pl_Some = pl_Err ? PyObject_GetAttrString(module, "Some") : NULL;
        Py_DECREF(module);
        if (pl_Some) return 0;
    }
    if (required) return -1;
    PyErr_Clear();
    return 0;
}
