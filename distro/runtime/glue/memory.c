/* Linear-memory bounds checks and tracked allocations. */
#include "rt.h"
#include <stdlib.h>

uint64_t pl_memory_size(void) { return (uint64_t)__builtin_wasm_memory_size(0) << 16; }

void pl_check_range(uint32_t ptr, uint64_t len, uint32_t align, const char *what) {
    if (align > 1 && (ptr & (align - 1)) != 0) pl_trap("%s: pointer %u is not aligned to %u", what, ptr, align);
    if ((uint64_t)ptr + len > pl_memory_size())
        pl_trap("%s: range [%u, +%llu) is outside linear memory (%llu bytes)", what, ptr,
                (unsigned long long)len, (unsigned long long)pl_memory_size());
}

static int grow(void ***items, uint32_t *cap, uint32_t need, size_t item_size) {
    if (need <= *cap) return 0;
    uint32_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    void *p = realloc(*items, (size_t)ncap * item_size);
    if (!p) return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

void *pl_alloc(pl_allocs *allocs, uint32_t size, uint32_t align) {
    if (size == 0) return (void *)(uintptr_t)(align ? align : 1);
    /* malloc aligns to 16 bytes, more than any canonical-ABI alignment (at most 8) */
    void *p = malloc(size);
    if (!p || grow(&allocs->ptr, &allocs->cap, allocs->count + 1, sizeof(void *)) != 0) {
        free(p);
        PyErr_NoMemory();
        return NULL;
    }
    allocs->ptr[allocs->count++] = p;
    return p;
}

void pl_allocs_free(pl_allocs *allocs) {
    for (uint32_t i = 0; i < allocs->count; i++) free(allocs->ptr[i]);
    allocs->count = 0;
}

void pl_handles_push(pl_handles *h, uint32_t resource, uint32_t handle) {
    uint32_t cap2 = h->cap * 2;
    if (h->count * 2 + 2 > cap2) {
        uint32_t ncap = h->cap ? h->cap * 2 : 8;
        uint32_t *p = realloc(h->pairs, (size_t)ncap * 2 * sizeof(uint32_t));
        if (!p) pl_trap("out of memory recording a resource handle");
        h->pairs = p;
        h->cap = ncap;
    }
    h->pairs[h->count * 2] = resource;
    h->pairs[h->count * 2 + 1] = handle;
    h->count++;
}
