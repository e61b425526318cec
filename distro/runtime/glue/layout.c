/* Canonical ABI layout: size, alignment and flattened value count of each descriptor type. */
#include "rt.h"
#include <stdlib.h>

static uint32_t discriminant_size(uint32_t cases) { return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4; }

static void layout_sequence(pl_descriptor *d, pl_type *t) {
    uint32_t off = 0, align = 1, flat = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        pl_type *c = &d->types[t->child[i]];
        off = pl_align_to(off, c->align);
        t->offset[i] = off;
        off += c->size;
        if (c->align > align) align = c->align;
        flat += c->flat;
    }
    t->align = align;
    t->size = pl_align_to(off, align);
    t->flat = flat;
}

static void layout_variant(pl_descriptor *d, pl_type *t) {
    uint32_t disc = discriminant_size(t->n), case_align = 1, case_size = 0, case_flat = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        if (t->child[i] == PL_NO_TYPE) continue;
        pl_type *c = &d->types[t->child[i]];
        if (c->align > case_align) case_align = c->align;
        if (c->size > case_size) case_size = c->size;
        if (c->flat > case_flat) case_flat = c->flat;
    }
    t->disc_size = disc;
    t->align = disc > case_align ? disc : case_align;
    t->payload_offset = pl_align_to(disc, case_align);
    t->size = pl_align_to(t->payload_offset + case_size, t->align);
    t->flat = 1 + case_flat;
}

int pl_layout_type(pl_descriptor *d, pl_type *t) {
    switch (t->kind) {
    case PL_BOOL: case PL_S8: case PL_U8: t->size = t->align = 1; t->flat = 1; break;
    case PL_S16: case PL_U16: t->size = t->align = 2; t->flat = 1; break;
    case PL_S32: case PL_U32: case PL_F32: case PL_CHAR: case PL_OWN: case PL_BORROW:
        t->size = t->align = 4; t->flat = 1; break;
    case PL_S64: case PL_U64: case PL_F64: t->size = t->align = 8; t->flat = 1; break;
    case PL_STRING: case PL_LIST: t->size = 8; t->align = 4; t->flat = 2; break;
    case PL_RECORD: case PL_TUPLE:
        t->offset = calloc(t->n ? t->n : 1, sizeof(uint32_t));
        if (!t->offset) return -1;
        layout_sequence(d, t);
        break;
    case PL_VARIANT: case PL_OPTION: case PL_RESULT: layout_variant(d, t); break;
    case PL_ENUM: t->disc_size = t->size = t->align = discriminant_size(t->n); t->flat = 1; break;
    case PL_FLAGS:
        if (t->n == 0) { t->size = 0; t->align = 1; t->flat = 0; }
        else { t->size = t->align = t->n <= 8 ? 1 : t->n <= 16 ? 2 : 4; t->flat = 1; }
        break;
    default: return -1;
    }
    return 0;
}

void pl_layout_function(pl_descriptor *d, pl_function *f) {
    uint32_t off = 0, align = 1, flat = 0;
    f->param_offset = calloc(f->param_count ? f->param_count : 1, sizeof(uint32_t));
    if (!f->param_offset) pl_trap("out of memory laying out %s", f->wit_name);
    for (uint32_t i = 0; i < f->param_count; i++) {
        pl_type *c = &d->types[f->param_type[i]];
        off = pl_align_to(off, c->align);
        f->param_offset[i] = off;
        off += c->size;
        if (c->align > align) align = c->align;
        flat += c->flat;
    }
    f->params_align = align;
    f->params_size = pl_align_to(off, align);
    f->flat_params = flat;
}
