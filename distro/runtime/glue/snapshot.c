/* pipeline_snapshot_prepare: leaves in linear memory only what a memory snapshot needs (called by a pre-initialiser
 * after pipeline_init, before it writes memory into the module). */
#include "rt.h"
#include <stdlib.h>
#include <string.h>

/* Names of the image's modules that the snapshot already holds as live modules: imported from the image (frozen or
 * source loader) under the same name. Caches that start-up filled and run time refills are emptied, then a full
 * collection runs (it also empties CPython's free lists). */
static const char PREPARE[] =
    "import sys, gc\n"
    "def _pipeline_loaded():\n"
    "    out = []\n"
    "    for name, mod in list(sys.modules.items()):\n"
    "        spec = getattr(mod, '__spec__', None)\n"
    "        loader = getattr(spec, 'loader', None)\n"
    "        if spec is None or getattr(spec, 'name', None) != name or loader is None:\n"
    "            continue\n"
    "        if getattr(loader, '__name__', '') == 'FrozenImporter' or type(loader).__name__ == '_PipelineSourceLoader':\n"
    "            out.append(name)\n"
    "    return out\n"
    "_names = _pipeline_loaded()\n"
    "for _m, _f in (('re', 'purge'), ('linecache', 'clearcache'), ('fnmatch', '_compile_pattern.cache_clear')):\n"
    "    _mod = sys.modules.get(_m)\n"
    "    if _mod is not None:\n"
    "        _obj = _mod\n"
    "        for _part in _f.split('.'):\n"
    "            _obj = getattr(_obj, _part, None)\n"
    "        if callable(_obj):\n"
    "            _obj()\n"
    "sys._clear_internal_caches() if hasattr(sys, '_clear_internal_caches') else sys._clear_type_cache()\n"
    "gc.collect()\n";

static bool in_names(PyObject *names, const char *name) {
    PyObject *s = PyUnicode_FromString(name);
    if (!s) { PyErr_Clear(); return false; }
    int r = PySequence_Contains(names, s);
    Py_DECREF(s);
    if (r < 0) PyErr_Clear();
    return r == 1;
}

/* Zeroes and drops the image entries the snapshot holds as live modules; returns the bytes zeroed. */
static uint32_t drop_loaded(PyObject *names) {
    uint32_t zeroed = 0;
    uint32_t kept = 0;
    for (struct _frozen *f = pl_img.frozen; f->name; f++) {
        if (in_names(names, f->name)) {
            memset((void *)f->code, 0, (size_t)f->size);
            zeroed += (uint32_t)f->size;
            memset((void *)f->name, 0, strlen(f->name));
            free((void *)f->name);
            continue;
        }
        pl_img.frozen[kept++] = *f;
    }
    for (struct _frozen *f = pl_img.frozen + kept; f->name; f++) memset(f, 0, sizeof *f);
    uint32_t kept_sources = 0;
    for (uint32_t i = 0; i < pl_img.source_count; i++) {
        pl_source *s = &pl_img.sources[i];
        if (in_names(names, s->name)) {
            memset((void *)s->data, 0, s->size);
            zeroed += s->size;
            memset(s->name, 0, strlen(s->name));
            free(s->name);
            continue;
        }
        pl_img.sources[kept_sources++] = *s;
    }
    memset(pl_img.sources + kept_sources, 0, (size_t)(pl_img.source_count - kept_sources) * sizeof(pl_source));
    pl_img.source_count = kept_sources;
    /* the descriptor was parsed into pl_desc at start-up: its bytes are not read again */
    if (pl_img.descriptor) {
        memset((void *)pl_img.descriptor, 0, pl_img.descriptor_len);
        zeroed += pl_img.descriptor_len;
        pl_img.descriptor = NULL;
        pl_img.descriptor_len = 0;
    }
    return zeroed;
}

/* The heap's base (wasm-ld): wasi-libc's dlmalloc starts its first segment there. */
extern unsigned char __heap_base;

/* Zeroes what free malloc chunks still hold (freed objects, the image entries dropped above): the snapshot writes
 * only non-zero bytes. dlmalloc's layout (32-bit, 16-byte alignment): a chunk's second word is its size with flag
 * bits, bit 0 of the next chunk's says whether this one is in use; a free chunk's first 24 bytes after the header
 * are its list links, kept. The walk must go from the first chunk through the top chunk to the end fence exactly at
 * the end of memory (one contiguous segment), or nothing is touched. Returns the bytes zeroed. */
static uint32_t zero_free_chunks(void) {
    const uintptr_t FLAGS = 7, PINUSE = 1, LINKS_END = 32;
    uintptr_t base = (uintptr_t)&__heap_base;
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536;
    uintptr_t first = base + ((16 - ((base + 8) & 15)) & 15);
    uintptr_t p = first;
    while (p + 8 <= end) {
        uintptr_t size = *(uint32_t *)(p + 4) & ~FLAGS;
        if (size < 16 || p + size > end) return 0;
        p += size;
    }
    if (p != end) return 0;
    uint32_t zeroed = 0;
    for (p = first;;) {
        uintptr_t size = *(uint32_t *)(p + 4) & ~FLAGS;
        uintptr_t next = p + size;
        if (next + 8 > end) break; /* p is the end fence */
        bool in_use = (*(uint32_t *)(next + 4) & PINUSE) != 0;
        if (!in_use && size > LINKS_END) {
            memset((void *)(p + LINKS_END), 0, size - LINKS_END);
            zeroed += (uint32_t)(size - LINKS_END);
        }
        p = next;
    }
    return zeroed;
}

/* Export: run after a successful pipeline_init, before memory is read for a snapshot. Leaves out of memory the image
 * entries of modules imported at build time (their live objects are in the snapshot: a later import finds them in
 * sys.modules), empties start-up caches and collects garbage. Returns the image bytes zeroed, or -1 when Python
 * failed (the error is printed). What a component does is unchanged, except that importlib.reload() of a module
 * imported at build time finds no code to reload. */
__attribute__((export_name("pipeline_snapshot_prepare")))
int32_t pipeline_snapshot_prepare(void) {
    if (pl_ensure_init() != 0) return -1;
    PyObject *g = PyDict_New();
    if (!g) goto error;
    if (PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins()) != 0) goto error;
    PyObject *r = PyRun_String(PREPARE, Py_file_input, g, g);
    if (!r) goto error;
    Py_DECREF(r);
    PyObject *names = PyDict_GetItemString(g, "_names"); /* borrowed */
    if (!names) goto error;
    Py_INCREF(names);
    Py_DECREF(g);
    g = NULL;
    uint32_t zeroed = drop_loaded(names);
    Py_DECREF(names);
    PyGC_Collect();
    zero_free_chunks(); /* last: nothing may allocate after it */
    return (int32_t)zeroed;
error:
    Py_XDECREF(g);
    if (PyErr_Occurred()) PyErr_Print();
    fprintf(stderr, "pipeline runtime: preparing the snapshot failed\n");
    return -1;
}
