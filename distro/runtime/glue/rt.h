/* Shared declarations of the pipeline runtime: the world-independent glue between the canonical ABI and
 * CPython. See docs/runtime-abi.md for the contract with the host, the splicer and the bindings. */
#ifndef PIPELINE_RT_H
#define PIPELINE_RT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PL_MAX_FLAT_PARAMS 16
#define PL_MAX_FLAT_RESULTS 1
#define PL_NO_RESOURCE 0xFFFFFFFFu
#define PL_NO_TYPE 0xFFFFFFFFu

/* Type kinds of the descriptor table (version 1). */
enum pl_kind {
    PL_BOOL = 0, PL_S8, PL_U8, PL_S16, PL_U16, PL_S32, PL_U32, PL_S64, PL_U64, PL_F32, PL_F64, PL_CHAR,
    PL_STRING, PL_LIST, PL_RECORD, PL_TUPLE, PL_VARIANT, PL_ENUM, PL_OPTION, PL_RESULT, PL_FLAGS, PL_OWN,
    PL_BORROW, PL_KIND_COUNT
};

/* Function kinds of the descriptor table. */
enum pl_func_kind { PL_FREESTANDING = 0, PL_CONSTRUCTOR = 1, PL_METHOD = 2, PL_STATIC = 3 };

/* One type of the descriptor table with its canonical-ABI layout and, once resolved, its Python side.
 * Option and result are kept as two-case variants: option = (none, some(T)), result = (ok(T?), err(E?)). */
typedef struct pl_type {
    uint8_t kind;
    uint32_t size, align, flat;      /* canonical ABI: elem_size, alignment, flattened core value count */
    uint32_t n;                       /* fields, tuple elements, cases, enum or flags members */
    uint32_t *child;                  /* n type indices (PL_NO_TYPE: case without payload); list: child[0] */
    uint32_t *offset;                 /* record/tuple: n field offsets in memory */
    char **name;                      /* record field names, variant case classes/names, enum/flags members */
    uint32_t disc_size;               /* variant/enum: discriminant bytes */
    uint32_t payload_offset;          /* variant: offset of the payload in memory */
    uint8_t wrap_some;                /* option: some-values are wrapped in Some(...) */
    uint32_t resource;                /* own/borrow: resource index */
    char *py_class_name;              /* record/variant/enum/flags: "module:QualName" (may be empty) */
    PyObject *py_class;               /* resolved class, or NULL */
    PyObject **py_items;              /* variant: case classes; enum: members in order; record: field names */
} pl_type;

/* One resource of the descriptor table. */
typedef struct pl_resource {
    char *py_class_name;
    uint8_t exported;
    PyObject *py_class;
} pl_resource;

/* One exported or imported function of the descriptor table. */
typedef struct pl_function {
    char *wit_name;
    uint8_t kind;
    uint32_t resource;
    char *py_target;
    char *py_method;
    uint32_t param_count;
    char **param_name;
    uint32_t *param_type;
    uint8_t has_result;
    uint32_t result_type;
    uint8_t result_raises;
    uint32_t flat_params;             /* sum of the params' flat counts */
    uint32_t params_size, params_align; /* the params as a tuple in memory */
    uint32_t *param_offset;
    PyObject *py_callable_owner;      /* exports: the instance or class the method is looked up on */
} pl_function;

/* The parsed descriptor table. */
typedef struct pl_descriptor {
    uint8_t mode;                     /* 0 static bindings, 1 dynamic values */
    uint32_t type_count, resource_count, export_count, import_count;
    pl_type *types;
    pl_resource *resources;
    pl_function *exports;
    pl_function *imports;
    bool needs_result_types;          /* some type or function uses Ok/Err/Some */
} pl_descriptor;

/* The module image after loading: frozen table entries plus descriptor bytes and the app module name. */
/* A module shipped as source text (image flag 2), served by a finder installed after start-up. */
typedef struct pl_source {
    char *name;
    const uint8_t *data;
    uint32_t size;
    bool is_package;
} pl_source;

typedef struct pl_image {
    uint8_t *bytes;
    uint32_t size;
    uint32_t module_count;
    struct _frozen *frozen;           /* the bytecode modules, then one entry all zero */
    uint32_t source_count;
    pl_source *sources;               /* the source modules */
    const uint8_t *descriptor;
    uint32_t descriptor_len;
    char *app_module;
} pl_image;

/* A list of malloc'd blocks to free together. */
typedef struct pl_allocs {
    void **ptr;
    uint32_t count, cap;
} pl_allocs;

/* A pending resource handle to drop after a call: (resource index, handle). */
typedef struct pl_handles {
    uint32_t *pairs;
    uint32_t count, cap;
} pl_handles;

/* Cursor over an array of 8-byte flat slots in linear memory. */
typedef struct pl_flat {
    uint32_t base;                    /* address of slot 0 */
    uint32_t pos;                     /* next slot */
    uint32_t count;                   /* slots available */
} pl_flat;

/* Context of lifting canonical values into Python. */
typedef struct pl_lift_ctx {
    bool free_buffers;                /* strings and lists lifted were given to us: free them afterwards */
    pl_handles *borrows_to_end;       /* borrowed imported handles received by an export, ended after it */
} pl_lift_ctx;

/* Context of lowering Python values into canonical values. */
typedef struct pl_lower_ctx {
    pl_allocs *allocs;                /* blocks this lowering allocated */
    pl_handles *handles_to_drop;      /* temporary handles created for borrows, dropped after an import call */
} pl_lower_ctx;

/* ---- global state ---- */
extern pl_descriptor pl_desc;
extern pl_image pl_img;
extern PyObject *pl_Ok, *pl_Err, *pl_Some;

/* ---- trap.c ---- */
/* Prints "pipeline runtime: <message>" to stderr and traps. */
_Noreturn void pl_trap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the pending Python exception with its traceback, then traps with the message. */
_Noreturn void pl_trap_python(const char *what);
/* PyErr_Print, then, when the error is a ModuleNotFoundError for a standard-library module, how to include it. */
void pl_print_python_error(void);
/* Ends the process with the status of the pending SystemExit (exit(), sys.exit()), as CPython does. */
_Noreturn void pl_exit_python(void);

/* ---- host_imports.c ---- */
/* The `pipeline` imports provided by the host (or the splicer's glue). */
void pl_host_call_import(int32_t import_index, int32_t params, int32_t results);
int32_t pl_host_image_size(void);
void pl_host_image_read(int32_t dst);
int32_t pl_host_resource_new(int32_t resource_index, int32_t rep);
int32_t pl_host_resource_rep(int32_t resource_index, int32_t handle);
void pl_host_resource_drop(int32_t resource_index, int32_t handle);

/* ---- memory.c ---- */
/* Current size of linear memory in bytes. */
uint64_t pl_memory_size(void);
/* Traps unless [ptr, ptr+len) lies in linear memory and ptr is a multiple of align. */
void pl_check_range(uint32_t ptr, uint64_t len, uint32_t align, const char *what);
/* Allocates size bytes aligned to align, records the block in allocs; NULL with MemoryError set on failure. */
void *pl_alloc(pl_allocs *allocs, uint32_t size, uint32_t align);
/* Frees every block in the list and empties it. */
void pl_allocs_free(pl_allocs *allocs);
/* Appends a (resource, handle) pair. */
void pl_handles_push(pl_handles *h, uint32_t resource, uint32_t handle);
/* Rounds n up to a multiple of align (a power of two). */
static inline uint32_t pl_align_to(uint32_t n, uint32_t align) { return (n + align - 1) & ~(align - 1); }

/* ---- flat.c ---- */
/* Reads the next slot's low 32 / all 64 bits, trapping if the cursor is exhausted. */
uint32_t pl_flat_next_i32(pl_flat *f);
uint64_t pl_flat_next_i64(pl_flat *f);
/* Writes the next slot: the value in its low bytes, zero above. */
void pl_flat_put_i32(pl_flat *f, uint32_t v);
void pl_flat_put_i64(pl_flat *f, uint64_t v);
/* Advances the cursor to slot `pos`, zeroing skipped slots when writing. */
void pl_flat_skip_to(pl_flat *f, uint32_t pos, bool zero);

/* ---- image.c ---- */
/* Copies the image from the host into memory and builds the frozen-module table; 0 on success. */
int pl_image_load(pl_image *img);

/* ---- descriptor.c ---- */
/* Parses the descriptor bytes into pl_desc and computes every layout; 0 on success. */
int pl_descriptor_parse(const uint8_t *bytes, uint32_t len, pl_descriptor *out);

/* ---- layout.c ---- */
/* Computes size, alignment and flat count of type t from its children (already computed); 0 on success. */
int pl_layout_type(pl_descriptor *d, pl_type *t);
/* Computes the params layout of a function (flat count, tuple size/alignment, offsets). */
void pl_layout_function(pl_descriptor *d, pl_function *f);

/* ---- resolve.c ---- */
/* Imports module and looks up the dotted qualified name of "module:QualName"; new reference or NULL. */
PyObject *pl_resolve_name(const char *spec);
/* Resolves every class named by the descriptor and the export targets; 0 on success (Python error set). */
int pl_resolve_descriptor(pl_descriptor *d, const char *app_module);

/* ---- check.c ---- */
/* Before the export classes are created: each exists, derives from the right generated protocol, is not abstract. */
int pl_check_export_classes(pl_descriptor *d, const char *app_module);
/* After: every export's target is callable with the WIT function's parameters. 0 on success (Python error set). */
int pl_check_exports(pl_descriptor *d);
/* If the pending error is a failed check, prints it as one line and clears it; false otherwise. */
bool pl_report_check_failure(void);

/* ---- result_types.c ---- */
/* Makes Ok/Err/Some available (from the image's componentize_py_types or a built-in copy); 0 on success. */
int pl_result_types_load(bool required);

/* ---- resources.c ---- */
/* Lowers an exported resource object as an owned handle (resource.new); -1 with a Python error. */
int pl_resource_own_out(uint32_t resource, PyObject *obj, uint32_t *handle);
/* The object behind rep of an exported resource (borrowed reference); traps on an unknown rep. */
PyObject *pl_resource_object(uint32_t resource, uint32_t rep);
/* The rep for an exported resource object, adding it to the table; -1 with a Python error. */
int pl_resource_rep_of(uint32_t resource, PyObject *obj, uint32_t *rep);
/* Called by the destructor export: one handle to rep went away. */
void pl_resource_release(uint32_t resource, uint32_t rep);
/* Wraps an imported resource handle as a Python object (new reference). */
PyObject *pl_resource_wrap_imported(uint32_t resource, uint32_t handle);
/* The handle of an imported resource object; with take, marks the object as moved. -1 with a Python error. */
int pl_resource_imported_handle(uint32_t resource, PyObject *obj, bool take, uint32_t *handle);

/* ---- values.c ---- (the Python value model, static or dynamic) */
/* A record value from its n field values (borrowed); new reference or NULL. */
PyObject *pl_make_record(pl_type *t, PyObject **fields);
/* Field i of a record value; new reference or NULL. */
PyObject *pl_record_field(pl_type *t, PyObject *obj, uint32_t i);
/* The value of case c (variant, enum, option, result) with a borrowed payload (NULL: none); new reference. */
PyObject *pl_make_case(pl_type *t, uint32_t c, PyObject *payload);
/* Which case a value is, and its payload (new reference, NULL when the case has none); -1 with a Python error. */
int pl_classify_case(pl_type *t, PyObject *obj, uint32_t *c, PyObject **payload);
/* A flags value from its bits; new reference. */
PyObject *pl_make_flags(pl_type *t, uint32_t bits);
/* The bits of a flags value; -1 with a Python error (also for undefined bits). */
int pl_flags_bits(pl_type *t, PyObject *obj, uint32_t *bits);

/* ---- lift.c ---- */
/* Lifts one value of type ti from flat slots / from memory at ptr; new reference. Traps on invalid input,
 * returns NULL with a Python error only for failures of Python itself (e.g. a constructor raised). */
PyObject *pl_lift_flat(pl_lift_ctx *cx, uint32_t ti, pl_flat *f);
PyObject *pl_lift_mem(pl_lift_ctx *cx, uint32_t ti, uint32_t ptr);

/* ---- lower.c ---- */
/* Lowers a Python value of type ti into flat slots / into memory at ptr; -1 with a Python error. */
int pl_lower_flat(pl_lower_ctx *cx, uint32_t ti, PyObject *v, pl_flat *f);
int pl_lower_mem(pl_lower_ctx *cx, uint32_t ti, PyObject *v, uint32_t ptr);
/* Lowers a case (discriminant c and payload) of variant-like type ti; used for result-raising returns. */
int pl_lower_case_flat(pl_lower_ctx *cx, uint32_t ti, uint32_t c, PyObject *payload, pl_flat *f);
int pl_lower_case_mem(pl_lower_ctx *cx, uint32_t ti, uint32_t c, PyObject *payload, uint32_t ptr);

/* ---- init.c ---- */
/* Initialises everything once; 0 on success. */
int pl_ensure_init(void);
/* Reseeds per-instance state (random) once per instance; see refresh.c. */
void pl_refresh_once(void);

/* ---- reseed.c ---- */
/* On the first call: reseed `random` (if imported) from WASI random_get. */
void pl_reseed_once(void);

/* ---- imports.c ---- */
/* Calls import `index` with a tuple of Python args; new reference, or NULL with a Python error. */
PyObject *pl_call_import(uint32_t index, PyObject *args);

/* ---- rt_module.c ---- */
/* Init function of the built-in module `_pipeline_rt`. */
PyObject *pl_rt_module_init(void);

#endif
