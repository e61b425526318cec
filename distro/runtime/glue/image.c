/* Loads the module image (format v1, "PLIM") from the host and turns it into CPython's frozen-module table. */
#include "rt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const uint8_t *p;
    uint32_t left;
} reader;

static int read_u32(reader *r, uint32_t *out) {
    if (r->left < 4) return -1;
    *out = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    r->left -= 4;
    return 0;
}

static int read_bytes(reader *r, uint32_t n, const uint8_t **out) {
    if (r->left < n) return -1;
    *out = r->p;
    r->p += n;
    r->left -= n;
    return 0;
}

static char *dup_string(const uint8_t *s, uint32_t n) {
    char *c = malloc((size_t)n + 1);
    if (!c) return NULL;
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

static int fail(const char *msg) {
    fprintf(stderr, "pipeline runtime: module image: %s\n", msg);
    return -1;
}

int pl_image_load(pl_image *img) {
    int32_t size = pl_host_image_size();
    if (size < 12) return fail("too small (no header)");
    img->bytes = malloc((size_t)size);
    if (!img->bytes) return fail("out of memory copying it");
    img->size = (uint32_t)size;
    pl_host_image_read((int32_t)(uintptr_t)img->bytes);

    reader r = {img->bytes, img->size};
    const uint8_t *magic;
    uint32_t version, count;
    if (read_bytes(&r, 4, &magic) || memcmp(magic, "PLIM", 4) != 0) return fail("bad magic (expected PLIM)");
    if (read_u32(&r, &version) || version != 1) return fail("unsupported version (expected 1)");
    if (read_u32(&r, &count) || count > r.left / 9) return fail("bad module count");
    img->module_count = count;
    img->frozen = calloc((size_t)count + 1, sizeof(struct _frozen));
    img->sources = calloc((size_t)count + 1, sizeof(pl_source));
    if (!img->frozen || !img->sources) return fail("out of memory");
    uint32_t frozen_count = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t name_len, data_len;
        const uint8_t *name, *flags, *data;
        if (read_u32(&r, &name_len) || read_bytes(&r, name_len, &name) || read_bytes(&r, 1, &flags) ||
            read_u32(&r, &data_len) || read_bytes(&r, data_len, &data) || data_len > INT32_MAX)
            return fail("truncated module entry");
        char *cname = dup_string(name, name_len);
        if (!cname) return fail("out of memory");
        if (flags[0] & 2) { /* source text: compiled when imported, see init.c */
            pl_source *s = &img->sources[img->source_count++];
            s->name = cname;
            s->data = data;
            s->size = data_len;
            s->is_package = (flags[0] & 1) != 0;
            continue;
        }
        struct _frozen *f = &img->frozen[frozen_count++];
        f->name = cname;
        f->code = data;
        f->size = (int)data_len;
        f->is_package = (flags[0] & 1) != 0;
    }
    uint32_t app_len;
    const uint8_t *app;
    if (read_u32(&r, &img->descriptor_len) || read_bytes(&r, img->descriptor_len, &img->descriptor))
        return fail("truncated descriptor");
    if (read_u32(&r, &app_len) || read_bytes(&r, app_len, &app)) return fail("truncated app module name");
    img->app_module = dup_string(app, app_len);
    if (!img->app_module) return fail("out of memory");
    return 0;
}
