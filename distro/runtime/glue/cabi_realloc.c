/* The canonical ABI's allocator export: the host (canon lift/lower) allocates in our memory through it. */
#include "rt.h"
#include <stdlib.h>

/* realloc-style: (NULL, 0, align, n) allocates; n == 0 frees and returns a dangling aligned pointer. */
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
    if (align == 0 || (align & (align - 1)) != 0 || align > 16) pl_trap("cabi_realloc: bad alignment %zu", align);
    if (new_size == 0) {
        if (old_ptr && old_size) free(old_ptr);
        return (void *)align;
    }
    void *p = (old_ptr && old_size) ? realloc(old_ptr, new_size) : malloc(new_size);
    if (!p) pl_trap("cabi_realloc: out of memory (%zu bytes)", new_size);
    return p;
}
