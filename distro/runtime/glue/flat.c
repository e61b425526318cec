/* The flat-slot cursor: one 8-byte little-endian slot per flattened core value, value in the low bytes. */
#include "rt.h"
#include <string.h>

static uint32_t slot_addr(pl_flat *f) {
    if (f->pos >= f->count) pl_trap("flat values: slot %u read or written beyond the %u slots", f->pos, f->count);
    return f->base + 8 * f->pos++;
}

uint32_t pl_flat_next_i32(pl_flat *f) {
    uint32_t v;
    memcpy(&v, (void *)(uintptr_t)slot_addr(f), 4);
    return v;
}

uint64_t pl_flat_next_i64(pl_flat *f) {
    uint64_t v;
    memcpy(&v, (void *)(uintptr_t)slot_addr(f), 8);
    return v;
}

void pl_flat_put_i32(pl_flat *f, uint32_t v) {
    uint64_t w = v;
    memcpy((void *)(uintptr_t)slot_addr(f), &w, 8);
}

void pl_flat_put_i64(pl_flat *f, uint64_t v) { memcpy((void *)(uintptr_t)slot_addr(f), &v, 8); }

void pl_flat_skip_to(pl_flat *f, uint32_t pos, bool zero) {
    while (f->pos < pos) {
        if (zero) pl_flat_put_i64(f, 0);
        else f->pos++;
    }
}
