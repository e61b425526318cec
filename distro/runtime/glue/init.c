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
    "sys.meta_path.insert(0, _PipelineTrimmedFinder)\n";

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


/* CPython started with the image's modules, before any of the app's code runs. */
static int start_python(void) {
    if (pl_image_load(&pl_img) != 0) return -1;
    if (pl_descriptor_parse(pl_img.descriptor, pl_img.descriptor_len, &pl_desc) != 0) return -1;
    PyImport_FrozenModules = pl_img.frozen;
    if (PyImport_AppendInittab("_pipeline_rt", pl_rt_module_init) != 0) {
        fprintf(stderr, "pipeline runtime: cannot register _pipeline_rt\n");
        return -1;
    }
    if (pl_extension_inittab && PyImport_ExtendInittab(pl_extension_inittab) != 0) {
        fprintf(stderr, "pipeline runtime: cannot register the native extension modules\n");
        return -1;
    }
    if (configure_and_start() != 0) return -1;
    const char *left_out = pl_trimmed_builtins && pl_trimmed_builtins[0] ? pl_trimmed_builtins
                           : pl_pruned_builtins[0] && strcmp(pl_pruned_builtins, "-") != 0 ? pl_pruned_builtins : NULL;
    if (left_out && install_trimmed_finder(left_out) != 0) goto python_error;
    if (pl_result_types_load(pl_desc.needs_result_types) != 0) goto python_error;
    /* tracebacks go to a log, not a terminal: no ANSI colours even when the host says stderr is a tty */
    if (PyRun_SimpleString("try:\n    import _colorize\n    _colorize.can_colorize = lambda *a, **k: False\n"
                           "except ImportError:\n    pass\n") != 0) {
        fprintf(stderr, "pipeline runtime: cannot configure traceback colours\n");
    }
    /* the builtins a normal CPython's site gives an app (exit, quit, help, copyright, credits, license); site's main()
     * is not run (no site-packages, no sys.path changes), and the snapshot keeps the result */
    if (PyRun_SimpleString("import site\nsite.setquit()\nsite.setcopyright()\nsite.sethelper()\n") != 0) {
        fprintf(stderr, "pipeline runtime: cannot install the site builtins (exit, quit, help)\n");
    }
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

/* Export: the first part of pipeline_init, CPython's own start without the app's code (idempotent; 0 on success).
 * A pre-initialiser calls it first so that a time budget for the app's module-level code does not count it. */
__attribute__((export_name("pipeline_start_python")))
int32_t pipeline_start_python(void) { return ensure_python() == 0 ? 0 : 1; }

/* Export: initialise once (idempotent); 0 on success, nonzero after printing why it failed. */
__attribute__((export_name("pipeline_init")))
int32_t pipeline_init(void) { return pl_ensure_init() == 0 ? 0 : 1; }
