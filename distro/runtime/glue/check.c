/* Checks the app against its world once it is imported: every export has a callable Python target that accepts the
 * WIT function's parameters, and a class deriving from a generated protocol derives from the one it implements. */
#include "rt.h"
#include <stdio.h>

/* The check, in Python: it looks at what the runtime will call, exactly as a call would find it. */
static const char CHECK_SOURCE[] =
    "import sys\n"
    "class AppMismatch(Exception):\n"
    "    pass\n"
    "def _where(obj):\n"
    "    code = getattr(obj, '__code__', None)\n"
    "    if code is not None:\n"
    "        return '%s:%d' % (code.co_filename, code.co_firstlineno)\n"
    "    if isinstance(obj, type):\n"
    "        line = getattr(obj, '__firstlineno__', None)\n"
    "        for v in vars(obj).values():\n"
    "            v = getattr(v, '__func__', v)\n"
    "            c = getattr(v, '__code__', None)\n"
    "            if c is not None and getattr(v, '__module__', None) == obj.__module__:\n"
    "                return '%s:%d' % (c.co_filename, line or c.co_firstlineno)\n"
    "        mod = sys.modules.get(obj.__module__)\n"
    "        f = getattr(mod, '__file__', None) or '/app/%s%s' % (obj.__module__.replace('.', '/'),\n"
    "            '/__init__.py' if hasattr(mod, '__path__') else '.py')\n"
    "        return '%s:%d' % (f, line or 1)\n"
    "    return '?:0'\n"
    "def _cls(obj):\n"
    "    return obj if isinstance(obj, type) else type(obj)\n"
    "def _accepts(fn, skip, n):\n"
    "    \"\"\"None if fn accepts n positional arguments (after `skip` bound ones), else what it takes.\"\"\"\n"
    "    code = getattr(fn, '__code__', None)\n"
    "    if code is None:\n"
    "        return None\n"
    "    names = code.co_varnames[skip:code.co_argcount]\n"
    "    defaults = len(getattr(fn, '__defaults__', None) or ())\n"
    "    most = code.co_argcount - skip\n"
    "    least = most - defaults\n"
    "    varargs = bool(code.co_flags & 0x04)\n"
    "    kwonly = code.co_varnames[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]\n"
    "    required_kw = [k for k in kwonly if k not in (getattr(fn, '__kwdefaults__', None) or {})]\n"
    "    if least <= n and (varargs or n <= most) and not required_kw:\n"
    "        return None\n"
    "    if required_kw:\n"
    "        return 'needs keyword-only argument%s %s' % ('s' if len(required_kw) > 1 else '', ', '.join(required_kw))\n"
    "    count = '%d to %d' % (least, most) if least != most else str(most)\n"
    "    return 'takes %s argument%s (%s)' % (count + (' or more' if varargs else ''), '' if count == '1' else 's',\n"
    "        ', '.join(names))\n"
    "def _args(params):\n"
    "    if not params:\n"
    "        return 'no arguments'\n"
    "    return '%d argument%s (%s)' % (len(params), '' if len(params) == 1 else 's', ', '.join(params))\n"
    "def _protocols(cls):\n"
    "    return [b for b in cls.__mro__[1:] if getattr(b, '_is_protocol', False) and b.__module__.split('.')[0] == 'wit_world']\n"
    "def _target_name(target):\n"
    "    return target.split(':')[-1].split('.')[-1]\n"
    "def _fail(problems):\n"
    "    if problems:\n"
    "        where, message = problems[0]\n"
    "        more = len(problems) - 1\n"
    "        raise AppMismatch('%s: %s%s' % (where, message, ' (and %d more)' % more if more else ''))\n"
    "def check_classes(app, exports):\n"
    "    \"\"\"Before the export classes are created: each exists, derives from the right protocol, is not abstract.\n"
    "    exports: (wit name, WIT parameter names, target, Python name of the method).\"\"\"\n"
    "    problems = []\n"
    "    seen = {}\n"
    "    for wit, params, target, method in exports:\n"
    "        if ':' in target:\n"
    "            continue\n"
    "        seen.setdefault(target, []).append((wit, params, method))\n"
    "    module = sys.modules.get(app)\n"
    "    for target, fns in seen.items():\n"
    "        cls = getattr(module, target, None)\n"
    "        if cls is None:\n"
    "            f = getattr(module, '__file__', None) or '/app/' + app.replace('.', '/') + '.py'\n"
    "            problems.append(('%s:1' % f, 'the app module `%s` defines no `%s`, which the world\\'s exports need (%s)' % (\n"
    "                app, target, ', '.join('`%s`' % w for w, _, _ in fns))))\n"
    "            continue\n"
    "        if not isinstance(cls, type):\n"
    "            continue\n"
    "        protocols = _protocols(cls)\n"
    "        if protocols and not any(p.__name__ == target for p in protocols):\n"
    "            problems.append((_where(cls), 'class %s derives from the generated protocol %s.%s, not from %s, the '\n"
    "                'protocol of what it exports (%s)' % (cls.__qualname__, protocols[0].__module__, protocols[0].__qualname__,\n"
    "                target, ', '.join('`%s`' % w for w, _, _ in fns))))\n"
    "            continue\n"
    "        for name in sorted(getattr(cls, '__abstractmethods__', ())):\n"
    "            wit = [(w, p) for w, p, m in fns if m == name]\n"
    "            need = 'the export `%s`, which passes %s' % (wit[0][0], _args(wit[0][1])) if wit else 'its protocol'\n"
    "            problems.append((_where(cls), 'class %s has no method `%s` for %s' % (cls.__qualname__, name, need)))\n"
    "    _fail(problems)\n"
    "def check(exports):\n"
    "    \"\"\"exports: (wit name, kind, WIT parameter names, owner object, Python name of the method).\"\"\"\n"
    "    problems = []\n"
    "    for wit, kind, params, owner, method in exports:\n"
    "        cls = _cls(owner)\n"
    "        what = 'the export `%s`' % wit\n"
    "        try:\n"
    "            target = getattr(owner, method)\n"
    "        except AttributeError:\n"
    "            problems.append((_where(cls), 'class %s has no method `%s` for %s, which passes %s' % (\n"
    "                cls.__qualname__, method, what, _args(params))))\n"
    "            continue\n"
    "        if not callable(target):\n"
    "            problems.append((_where(cls), '%s.%s is not callable (it is %s %s); %s calls it with %s' % (\n"
    "                cls.__qualname__, method, 'an' if type(target).__name__[0] in 'aeiou' else 'a', type(target).__name__,\n"
    "                what, _args(params))))\n"
    "            continue\n"
    "        fn, skip = target, 0\n"
    "        if kind == 1:\n"
    "            fn, skip = getattr(owner, '__init__', None), 1\n"
    "            if fn is object.__init__:\n"
    "                if params:\n"
    "                    problems.append((_where(cls), 'class %s defines no __init__, but %s passes %s' % (\n"
    "                        cls.__qualname__, what, _args(params))))\n"
    "                continue\n"
    "        elif kind == 2:\n"
    "            fn, skip = getattr(target, '__func__', target), 1\n"
    "        elif hasattr(target, '__func__'):\n"
    "            fn, skip = target.__func__, 1\n"
    "        wrong = _accepts(fn, skip, len(params))\n"
    "        if wrong:\n"
    "            problems.append((_where(fn), '%s.%s %s, but %s passes %s' % (cls.__qualname__, method, wrong, what,\n"
    "                _args(params))))\n"
    "    _fail(problems)\n";

static PyObject *check_fn, *check_classes_fn, *mismatch_type;

static int load_check(void) {
    if (check_fn) return 0;
    PyObject *globals = PyDict_New();
    if (!globals) return -1;
    PyObject *name = PyUnicode_FromString("_pipeline_check");
    if (!name || PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) != 0 ||
        PyDict_SetItemString(globals, "__name__", name) != 0) {
        Py_XDECREF(name);
        Py_DECREF(globals);
        return -1;
    }
    Py_DECREF(name);
    PyObject *r = PyRun_String(CHECK_SOURCE, Py_file_input, globals, globals);
    if (!r) {
        Py_DECREF(globals);
        return -1;
    }
    Py_DECREF(r);
    check_fn = Py_XNewRef(PyDict_GetItemString(globals, "check"));
    check_classes_fn = Py_XNewRef(PyDict_GetItemString(globals, "check_classes"));
    mismatch_type = Py_XNewRef(PyDict_GetItemString(globals, "AppMismatch"));
    Py_DECREF(globals);
    return check_fn && check_classes_fn && mismatch_type ? 0 : -1;
}

static PyObject *param_names(pl_function *f, uint32_t first) {
    PyObject *params = PyTuple_New(f->param_count - first);
    if (!params) return NULL;
    for (uint32_t p = first; p < f->param_count; p++) {
        PyObject *name = PyUnicode_FromString(f->param_name[p] ? f->param_name[p] : "?");
        if (!name) { Py_DECREF(params); return NULL; }
        PyTuple_SET_ITEM(params, p - first, name);
    }
    return params;
}

int pl_check_export_classes(pl_descriptor *d, const char *app_module) {
    if (d->mode != 0 || !app_module || !app_module[0]) return 0;
    if (load_check() != 0) return -1;
    PyObject *list = PyList_New(0);
    if (!list) return -1;
    for (uint32_t i = 0; i < d->export_count; i++) {
        pl_function *f = &d->exports[i];
        if (f->kind != PL_FREESTANDING || !f->py_target || !f->py_target[0]) continue;
        PyObject *params = param_names(f, 0);
        PyObject *item = params ? Py_BuildValue("(sNss)", f->wit_name, params, f->py_target, f->py_method) : NULL;
        if (!item || PyList_Append(list, item) != 0) { Py_XDECREF(item); Py_DECREF(list); return -1; }
        Py_DECREF(item);
    }
    PyObject *r = PyObject_CallFunction(check_classes_fn, "sO", app_module, list);
    Py_DECREF(list);
    if (!r) return -1;
    Py_DECREF(r);
    return 0;
}

int pl_check_exports(pl_descriptor *d) {
    if (d->mode != 0) return 0; /* dynamic bindings register exports by name: nothing to check against */
    if (load_check() != 0) return -1;
    PyObject *list = PyList_New(0);
    if (!list) return -1;
    for (uint32_t i = 0; i < d->export_count; i++) {
        pl_function *f = &d->exports[i];
        PyObject *owner = f->py_callable_owner;
        uint32_t first = 0;
        if (f->kind == PL_METHOD) {
            if (f->resource == PL_NO_RESOURCE || !d->resources[f->resource].py_class) continue;
            owner = d->resources[f->resource].py_class;
            first = 1; /* the handle: `self` */
        }
        if (!owner) continue;
        PyObject *params = param_names(f, first);
        if (!params) goto fail;
        PyObject *item = Py_BuildValue("(siNOs)", f->wit_name, (int)f->kind, params, owner,
                                       f->kind == PL_CONSTRUCTOR ? "__init__" : f->py_method);
        if (!item || PyList_Append(list, item) != 0) { Py_XDECREF(item); goto fail; }
        Py_DECREF(item);
    }
    PyObject *r = PyObject_CallOneArg(check_fn, list);
    Py_DECREF(list);
    if (!r) return -1;
    Py_DECREF(r);
    return 0;
fail:
    Py_DECREF(list);
    return -1;
}

bool pl_report_check_failure(void) {
    if (!mismatch_type || !PyErr_ExceptionMatches(mismatch_type)) return false;
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *text = PyObject_Str(exc);
    const char *s = text ? PyUnicode_AsUTF8(text) : NULL;
    fprintf(stderr, "pipeline runtime: the app does not match its world: %s\n", s ? s : "(no message)");
    PyErr_Clear();
    Py_XDECREF(text);
    Py_DECREF(exc);
    return true;
}
