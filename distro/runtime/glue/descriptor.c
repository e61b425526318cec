/* Parses the descriptor table (format v1, "PLDT") written by the bindings stage. */
#include "rt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const uint8_t *p;
    uint32_t left;
    const char *error;
} reader;

static void *fail(reader *r, const char *msg) {
    if (!r->error) r->error = msg;
    return NULL;
}

static uint32_t u32(reader *r) {
    if (r->error) return 0;
    if (r->left < 4) return (fail(r, "truncated u32"), 0);
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    r->left -= 4;
    return v;
}

static uint8_t u8(reader *r) {
    if (r->error) return 0;
    if (r->left < 1) return (fail(r, "truncated u8"), 0);
    r->left--;
    return *r->p++;
}

static char *str(reader *r) {
    uint32_t n = u32(r);
    if (r->error) return NULL;
    if (n > r->left) return fail(r, "truncated string");
    char *s = malloc((size_t)n + 1);
    if (!s) return fail(r, "out of memory");
    memcpy(s, r->p, n);
    s[n] = 0;
    r->p += n;
    r->left -= n;
    return s;
}

/* Allocates n zeroed items, guarding against counts larger than the remaining input could describe. */
static void *items(reader *r, uint32_t n, size_t size) {
    if (r->error) return NULL;
    if (n > r->left) return fail(r, "count larger than the table");
    void *p = calloc(n ? n : 1, size);
    return p ? p : fail(r, "out of memory");
}

static uint32_t type_ref(reader *r, uint32_t self) {
    uint32_t t = u32(r);
    if (!r->error && t >= self) fail(r, "type reference to a later type");
    return t;
}

static void parse_type(reader *r, pl_descriptor *d, uint32_t self) {
    pl_type *t = &d->types[self];
    t->kind = u8(r);
    t->resource = PL_NO_RESOURCE;
    switch (t->kind) {
    case PL_LIST:
        t->n = 1;
        t->child = items(r, 1, sizeof(uint32_t));
        if (t->child) t->child[0] = type_ref(r, self);
        break;
    case PL_RECORD:
        t->py_class_name = str(r);
        t->n = u32(r);
        t->child = items(r, t->n, sizeof(uint32_t));
        t->name = items(r, t->n, sizeof(char *));
        for (uint32_t i = 0; i < t->n && !r->error; i++) {
            t->name[i] = str(r);
            t->child[i] = type_ref(r, self);
        }
        break;
    case PL_TUPLE:
        t->n = u32(r);
        t->child = items(r, t->n, sizeof(uint32_t));
        for (uint32_t i = 0; i < t->n && !r->error; i++) t->child[i] = type_ref(r, self);
        break;
    case PL_VARIANT:
        t->py_class_name = str(r);
        t->n = u32(r);
        if (!r->error && t->n == 0) fail(r, "variant without cases");
        t->child = items(r, t->n, sizeof(uint32_t));
        t->name = items(r, t->n, sizeof(char *));
        for (uint32_t i = 0; i < t->n && !r->error; i++) {
            t->name[i] = str(r);
            uint8_t has_payload = u8(r);
            uint32_t ty = type_ref(r, self);
            t->child[i] = has_payload ? ty : PL_NO_TYPE;
        }
        break;
    case PL_ENUM:
    case PL_FLAGS:
        t->py_class_name = str(r);
        t->n = u32(r);
        if (!r->error && t->kind == PL_ENUM && t->n == 0) fail(r, "enum without members");
        if (!r->error && t->kind == PL_FLAGS && t->n > 32) fail(r, "flags with more than 32 members");
        t->name = items(r, t->n, sizeof(char *));
        for (uint32_t i = 0; i < t->n && !r->error; i++) t->name[i] = str(r);
        break;
    case PL_OPTION:
        t->wrap_some = u8(r);
        t->n = 2;
        t->child = items(r, 2, sizeof(uint32_t));
        if (t->child) {
            t->child[0] = PL_NO_TYPE;
            t->child[1] = type_ref(r, self);
        }
        d->needs_result_types |= t->wrap_some != 0;
        break;
    case PL_RESULT: {
        uint8_t has_ok = u8(r);
        uint32_t ok = type_ref(r, self);
        uint8_t has_err = u8(r);
        uint32_t err = type_ref(r, self);
        t->n = 2;
        t->child = items(r, 2, sizeof(uint32_t));
        if (t->child) {
            t->child[0] = has_ok ? ok : PL_NO_TYPE;
            t->child[1] = has_err ? err : PL_NO_TYPE;
        }
        d->needs_result_types = true;
        break;
    }
    case PL_OWN:
    case PL_BORROW:
        t->resource = u32(r);
        if (!r->error && t->resource >= d->resource_count) fail(r, "own/borrow of an unknown resource");
        break;
    default:
        if (t->kind >= PL_KIND_COUNT) fail(r, "unknown type kind");
        break;
    }
}

static void parse_function(reader *r, pl_descriptor *d, pl_function *f) {
    f->wit_name = str(r);
    f->kind = u8(r);
    f->resource = u32(r);
    f->py_target = str(r);
    f->py_method = str(r);
    f->param_count = u32(r);
    f->param_name = items(r, f->param_count, sizeof(char *));
    f->param_type = items(r, f->param_count, sizeof(uint32_t));
    for (uint32_t i = 0; i < f->param_count && !r->error; i++) {
        f->param_name[i] = str(r);
        f->param_type[i] = type_ref(r, d->type_count);
    }
    f->has_result = u8(r);
    f->result_type = u32(r);
    f->result_raises = u8(r);
    if (r->error) return;
    if (f->kind > PL_STATIC) fail(r, "unknown function kind");
    if (f->resource != PL_NO_RESOURCE && f->resource >= d->resource_count) fail(r, "function of an unknown resource");
    if (f->has_result && f->result_type >= d->type_count) fail(r, "result type out of range");
    if (f->result_raises && (!f->has_result || d->types[f->result_type].kind != PL_RESULT))
        fail(r, "result_raises on a function that does not return a result");
    if (f->result_raises) d->needs_result_types = true;
    if (!r->error) pl_layout_function(d, f);
}

int pl_descriptor_parse(const uint8_t *bytes, uint32_t len, pl_descriptor *d) {
    reader r = {bytes, len, NULL};
    memset(d, 0, sizeof *d);
    if (len == 0) return 0; /* no world: nothing to export or import */
    if (len < 4 || memcmp(bytes, "PLDT", 4) != 0) {
        fprintf(stderr, "pipeline runtime: descriptor table: bad magic (expected PLDT)\n");
        return -1;
    }
    r.p += 4;
    r.left -= 4;
    if (u32(&r) != 1) fail(&r, "unsupported version (expected 1)");
    d->mode = u8(&r);
    if (!r.error && d->mode > 1) fail(&r, "unknown mode");
    d->type_count = u32(&r);
    d->types = items(&r, d->type_count, sizeof(pl_type));
    /* resources come after types in the table but types refer to them: parse types, then check own/borrow */
    d->resource_count = UINT32_MAX; /* unknown yet: accept any resource index while skipping types */
    for (uint32_t i = 0; i < d->type_count && !r.error; i++) parse_type(&r, d, i);
    d->resource_count = u32(&r);
    d->resources = items(&r, d->resource_count, sizeof(pl_resource));
    for (uint32_t i = 0; i < d->resource_count && !r.error; i++) {
        d->resources[i].py_class_name = str(&r);
        d->resources[i].exported = u8(&r);
    }
    for (uint32_t i = 0; i < d->type_count && !r.error; i++) {
        pl_type *t = &d->types[i];
        if ((t->kind == PL_OWN || t->kind == PL_BORROW) && t->resource >= d->resource_count)
            fail(&r, "own/borrow of an unknown resource");
        else if (pl_layout_type(d, t) != 0) fail(&r, "type layout failed");
    }
    d->export_count = u32(&r);
    d->exports = items(&r, d->export_count, sizeof(pl_function));
    for (uint32_t i = 0; i < d->export_count && !r.error; i++) parse_function(&r, d, &d->exports[i]);
    d->import_count = u32(&r);
    d->imports = items(&r, d->import_count, sizeof(pl_function));
    for (uint32_t i = 0; i < d->import_count && !r.error; i++) parse_function(&r, d, &d->imports[i]);
    if (!r.error && r.left != 0) fail(&r, "trailing bytes");
    if (r.error) {
        fprintf(stderr, "pipeline runtime: descriptor table: %s (at byte %u)\n", r.error, len - r.left);
        return -1;
    }
    return 0;
}
