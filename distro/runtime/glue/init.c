/* pipeline_init: module image, frozen modules, CPython configuration, app import, export instances. */
#include "rt.h"
#include <stdio.h>
#include <string.h>

pl_descriptor pl_desc;
pl_image pl_img;

static int state; /* 0 not started, 1 ready, -1 failed */

static int configure_and_start(void) {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.buffered_stdio = 0;          /* a reactor never finalises: nothing may wait in a buffer */
    config.install_signal_handlers = 0;
    config.write_bytecode = 0;
    config.site_import = 0;
    config.use_frozen_modules = 1;      /* the image's modules are frozen modules: no filesystem needed */
    config.pathconfig_warnings = 0;
    config.module_search_paths_set = 1; /* empty sys.path: every import is frozen or built in */
    config.user_site_directory = 0;
    config.parse_argv = 0;
    config.safe_path = 1;
    PyStatus status = PyConfig_SetString(&config, &config.program_name, L"python");
    if (!PyStatus_Exception(status)) status = PyConfig_SetString(&config, &config.home, L"/");
    if (!PyStatus_Exception(status)) status = PyConfig_SetString(&config, &config.stdio_encoding, L"utf-8");
    if (!PyStatus_Exception(status)) status = PyConfig_SetString(&config, &config.stdio_errors, L"backslashreplace");
    if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        fprintf(stderr, "pipeline runtime: Python initialisation failed: %s%s%s\n", status.func ? status.func : "",
                status.func ? ": " : "", status.err_msg ? status.err_msg : "(no message)");
        return -1;
    }
    return 0;
}

/* Serves the image's source modules (packaging = "source"): compiled on import, with their source for tracebacks. */
static const char SOURCE_FINDER[] =
    "import sys, _pipeline_rt\n"
    "from _frozen_importlib import ModuleSpec as _PipelineModuleSpec\n"
    "class _PipelineSourceLoader:\n"
    "    def __init__(self, name, source, package, origin):\n"
    "        self.name, self.source, self.package, self.origin = name, source, package, origin\n"
    "    def create_module(self, spec):\n"
    "        return None\n"
    "    def exec_module(self, module):\n"
    "        exec(compile(self.source, self.origin, 'exec', dont_inherit=True), module.__dict__)\n"
    "    def get_source(self, fullname):\n"
    "        return self.source.decode('utf-8')\n"
    "    def is_package(self, fullname):\n"
    "        return self.package\n"
    "    def get_filename(self, fullname):\n"
    "        return self.origin\n"
    "class _PipelineSourceFinder:\n"
    "    @staticmethod\n"
    "    def find_spec(name, path=None, target=None):\n"
    "        found = _pipeline_rt.source(name)\n"
    "        if found is None:\n"
    "            return None\n"
    "        package, source = found\n"
    "        origin = '/app/' + name.replace('.', '/') + ('/__init__.py' if package else '.py')\n"
    "        loader = _PipelineSourceLoader(name, source, package, origin)\n"
    "        spec = _PipelineModuleSpec(name, loader, origin=origin, is_package=package)\n"
    "        spec.has_location = True\n"
    "        return spec\n"
    "sys.meta_path.append(_PipelineSourceFinder)\n";

/* sys.exit() while the app is imported: the traceback and the status, without exiting (PyErr_Print would). */
static bool report_exit(void) {
    if (!PyErr_ExceptionMatches(PyExc_SystemExit)) return false;
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *code = PyObject_GetAttrString(exc, "code");
    long status = 1;
    if (!code) {
        PyErr_Clear();
    } else if (code == Py_None) {
        status = 0;
    } else if (PyLong_Check(code)) {
        status = PyLong_AsLong(code);
        if (status == -1 && PyErr_Occurred()) { PyErr_Clear(); status = 1; }
    }
    PyErr_DisplayException(exc);
    fprintf(stderr, "pipeline runtime: the app exited with status %ld while its module was imported\n", status);
    Py_XDECREF(code);
    Py_DECREF(exc);
    return true;
}

/* The native extension modules linked into this runtime, by dotted name ({NULL, NULL}-terminated): a per-app
 * link (extensions = "linked") defines it; the plain runtime has none. */
extern struct _inittab pl_extension_inittab[] __attribute__((weak));
/* Comma-separated built-in modules a per-app link left out (their import raises a ModuleNotFoundError that says
 * why); the plain runtime keeps them all. */
extern const char pl_trimmed_builtins[] __attribute__((weak));
/* Comma-separated built-in modules builtins = "prune" cuts from the finished component: the init stage writes them
 * here before CPython starts ("-" means none). Their code and data are still in this module while it runs at build
 * time, so the finder below must answer before the built-in importer does. Initialised so that it lies in .data,
 * where the init stage finds it through the link map. */
char pl_pruned_builtins[2048] = "-";

static const char TRIMMED_FINDER[] =
    "import sys\n"
    "class _PipelineTrimmedFinder:\n"
    "    names = frozenset(_names.split(','))\n"
    "    @classmethod\n"
    "    def find_spec(cls, name, path=None, target=None):\n"
    "        if name in cls.names:\n"
    "            raise ModuleNotFoundError('No module named %r: this built-in module was left out of the component '\n"
    "                'because the import DAG does not reach it; add include = [%r] to [stages.packaging] '\n"
    "                'or builtins = \"all\" to [stages.extensions]' % (name, name), name=name)\n"
    "        return None\n"
    "sys.meta_path.insert(0, _PipelineTrimmedFinder)\n"
    "_loaded = sorted(n for n in _PipelineTrimmedFinder.names if n in sys.modules)\n"
    "if _loaded:\n"
    "    raise ImportError('the built-in modules %s were imported while CPython started, but the component leaves them '\n"
    "        'out: set builtins = \"all\" in [stages.extensions]' % ', '.join(_loaded))\n";

static int install_trimmed_finder(const char *left_out) {
    PyObject *g = PyDict_New();
    if (!g) return -1;
    PyObject *names = PyUnicode_FromString(left_out);
    int rc = -1;
    if (names && PyDict_SetItemString(g, "_names", names) == 0
        && PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins()) == 0) {
        PyObject *r = PyRun_String(TRIMMED_FINDER, Py_file_input, g, g);
        if (r) { rc = 0; Py_DECREF(r); }
    }
    Py_XDECREF(names);
    Py_DECREF(g);
    return rc;
}


/* Import attempts while CPython's own start runs from a base image (pipeline_start_base): a finder first in
 * sys.meta_path that only records the names. A pre-initialiser reuses such a start for every app image whose modules
 * of those names are the same bytes (see pipeline_base_lookups). */
static const char LOOKUP_RECORDER[] =
    "import sys\n"
    "class _PipelineLookupRecorder:\n"
    "    names = []\n"
    "    @classmethod\n"
    "    def find_spec(cls, name, path=None, target=None):\n"
    "        cls.names.append(name)\n"
    "        return None\n"
    "sys.meta_path.insert(0, _PipelineLookupRecorder)\n";
static const char LOOKUP_RECORDER_DONE[] =
    "sys.meta_path.remove(_PipelineLookupRecorder)\n"
    "_names = ','.join(sorted(set(_PipelineLookupRecorder.names)))\n";

/* The names pipeline_start_base saw imported, comma-separated (static: reading them leaves the heap alone). */
static char base_lookups[8192];
static pl_image base_img;
static bool started_from_base;

/* The steps of the start that only depend on the runtime and on the standard modules: traceback colours, site's
 * builtins, the result types. */
static const char START_STEPS[] =
    /* tracebacks go to a log, not a terminal: no ANSI colours even when the host says stderr is a tty */
    "try:\n    import _colorize\n    _colorize.can_colorize = lambda *a, **k: False\n"
    "except ImportError:\n    pass\n"
    /* the builtins a normal CPython's site gives an app (exit, quit, help, copyright, credits, license); site's main()
     * is not run (no site-packages, no sys.path changes), and the snapshot keeps the result */
    "import site\nsite.setquit()\nsite.setcopyright()\nsite.sethelper()\n";

/* The start's steps after Py_InitializeFromConfig; -1 when site's builtins could not be installed. */
static int start_steps(void) {
    int rc = PyRun_SimpleString(START_STEPS);
    pl_result_types_load(false); /* again from start_app, with the descriptor's verdict, when this found none */
    return rc == 0 ? 0 : -1;
}

/* start_steps with every import attempt recorded in base_lookups; -2 when the names do not fit or recording failed. */
static int start_steps_recorded(void) {
    PyObject *g = PyDict_New();
    if (!g) return -2;
    int rc = -2;
    if (PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins()) == 0) {
        PyObject *r = PyRun_String(LOOKUP_RECORDER, Py_file_input, g, g);
        if (r) {
            Py_DECREF(r);
            int steps = start_steps();
            r = PyRun_String(LOOKUP_RECORDER_DONE, Py_file_input, g, g);
            PyObject *names = r ? PyDict_GetItemString(g, "_names") : NULL;
            const char *text = names ? PyUnicode_AsUTF8(names) : NULL;
            if (text && strlen(text) < sizeof base_lookups) {
                strcpy(base_lookups, text);
                rc = steps;
            }
            Py_XDECREF(r);
        }
    }
    if (rc == -2) PyErr_Clear();
    Py_DECREF(g);
    return rc;
}

/* CPython's own start from the frozen modules of img: nothing in it depends on the app's modules or world. */
static int start_core(pl_image *img, bool record) {
    PyImport_FrozenModules = img->frozen;
    if (PyImport_AppendInittab("_pipeline_rt", pl_rt_module_init) != 0) {
        fprintf(stderr, "pipeline runtime: cannot register _pipeline_rt\n");
        return -1;
    }
    if (pl_extension_inittab && PyImport_ExtendInittab(pl_extension_inittab) != 0) {
        fprintf(stderr, "pipeline runtime: cannot register the native extension modules\n");
        return -1;
    }
    if (configure_and_start() != 0) return -1;
    int rc = record ? start_steps_recorded() : start_steps();
    if (rc == -2) {
        fprintf(stderr, "pipeline runtime: cannot record the imports of the start\n");
        return -1;
    }
    if (rc != 0) fprintf(stderr, "pipeline runtime: cannot configure traceback colours or install the site builtins\n");
    return 0;
}

/* The app's part of the start: its image (when the start ran from a base image), descriptor and finders. */
static int start_app(void) {
    if (started_from_base) {
        /* the base image's modules are live now; its bytes are not read again (freed first, so that the app's
         * image and objects can use the space) */
        PyImport_FrozenModules = NULL;
        for (struct _frozen *f = base_img.frozen; f && f->name; f++) free((void *)f->name);
        memset(base_img.bytes, 0, base_img.size);
        free(base_img.bytes);
        memset(base_img.frozen, 0, (base_img.module_count + 1) * sizeof(struct _frozen));
        free(base_img.frozen);
        for (uint32_t i = 0; i < base_img.source_count; i++) free(base_img.sources[i].name);
        memset(base_img.sources, 0, (base_img.module_count + 1) * sizeof(pl_source));
        free(base_img.sources);
        free(base_img.app_module);
        memset(&base_img, 0, sizeof base_img);
        if (pl_image_load(&pl_img) != 0) return -1;
        PyImport_FrozenModules = pl_img.frozen;
    }
    if (pl_descriptor_parse(pl_img.descriptor, pl_img.descriptor_len, &pl_desc) != 0) return -1;
    PyObject *rt_name = PyUnicode_FromString("_pipeline_rt");
    PyObject *rt = rt_name ? PyImport_GetModule(rt_name) : NULL;
    Py_XDECREF(rt_name);
    if (rt) { /* imported during the start, before the descriptor said the mode */
        int r = PyModule_AddIntConstant(rt, "MODE", pl_desc.mode);
        Py_DECREF(rt);
        if (r != 0) goto python_error;
    }
    if (PyErr_Occurred()) goto python_error;
    const char *left_out = pl_trimmed_builtins && pl_trimmed_builtins[0] ? pl_trimmed_builtins
                           : pl_pruned_builtins[0] && strcmp(pl_pruned_builtins, "-") != 0 ? pl_pruned_builtins : NULL;
    if (left_out && install_trimmed_finder(left_out) != 0) goto python_error;
    if (!pl_Some && pl_result_types_load(pl_desc.needs_result_types) != 0) goto python_error;
    if (pl_img.source_count > 0 && PyRun_SimpleString(SOURCE_FINDER) != 0) {
        fprintf(stderr, "pipeline runtime: cannot install the source module finder\n");
        return -1;
    }
    return 0;
python_error:
    pl_print_python_error();
    fprintf(stderr, "pipeline runtime: initialisation failed\n");
    return -1;
}

/* CPython started with the image's modules, before any of the app's code runs. */
static int start_python(void) {
    if (!started_from_base) {
        if (pl_image_load(&pl_img) != 0) return -1;
        if (start_core(&pl_img, false) != 0) return -1;
    }
    return start_app();
}

static int python_state; /* 0 not started, 1 started, -1 failed */

static int ensure_python(void) {
    if (python_state == 0) python_state = start_python() == 0 ? 1 : -1;
    return python_state == 1 ? 0 : -1;
}

/* The app's part: import the app module, create the export instances. */
static int start(void) {
    if (ensure_python() != 0) return -1;
    if (pl_img.app_module[0]) {
        PyObject *app = PyImport_ImportModule(pl_img.app_module);
        if (!app) goto python_error;
        Py_DECREF(app);
    }
    if (pl_check_export_classes(&pl_desc, pl_img.app_module) != 0) goto python_error;
    if (pl_resolve_descriptor(&pl_desc, pl_img.app_module) != 0) goto python_error;
    if (pl_check_exports(&pl_desc) != 0) goto python_error;
    return 0;
python_error:
    if (report_exit()) return -1;
    if (!pl_report_check_failure()) pl_print_python_error();
    fprintf(stderr, "pipeline runtime: initialisation failed\n");
    return -1;
}

int pl_ensure_init(void) {
    if (state == 0) state = start() == 0 ? 1 : -1;
    return state == 1 ? 0 : -1;
}

/* Export for a pre-initialiser: CPython's own start from the image the host serves now (a base image holding only
 * standard modules), recording the names imported meanwhile (pipeline_base_lookups). pipeline_start_python then
 * loads the app's image (the host serves it by then, without the modules the base image had: they are live) and
 * finishes the start; memory and globals between the two
 * calls depend only on the runtime and on the base image's modules of the recorded names. 0 on success. */
__attribute__((export_name("pipeline_start_base")))
int32_t pipeline_start_base(void) {
    if (python_state != 0 || started_from_base) return 1;
    if (pl_image_load(&base_img) != 0 || start_core(&base_img, true) != 0) {
        python_state = -1;
        return 1;
    }
    started_from_base = true;
    return 0;
}

/* Export: the address of the names pipeline_start_base saw imported (comma-separated, NUL-terminated). */
__attribute__((export_name("pipeline_base_lookups")))
int32_t pipeline_base_lookups(void) { return (int32_t)(uintptr_t)base_lookups; }

/* Export: the first part of pipeline_init, CPython's own start without the app's code (idempotent; 0 on success).
 * A pre-initialiser calls it first so that a time budget for the app's module-level code does not count it. */
__attribute__((export_name("pipeline_start_python")))
int32_t pipeline_start_python(void) { return ensure_python() == 0 ? 0 : 1; }

/* Export: initialise once (idempotent); 0 on success, nonzero after printing why it failed. */
__attribute__((export_name("pipeline_init")))
int32_t pipeline_init(void) { return pl_ensure_init() == 0 ? 0 : 1; }
