/* The functions the runtime imports from module `pipeline`, wrapped with plain C names. */
#include "rt.h"

#define PL_IMPORT(name) __attribute__((import_module("pipeline"), import_name(name)))

PL_IMPORT("call_import") extern void pipeline_call_import(int32_t, int32_t, int32_t);
PL_IMPORT("image_size") extern int32_t pipeline_image_size(void);
PL_IMPORT("image_read") extern void pipeline_image_read(int32_t);
PL_IMPORT("resource_new") extern int32_t pipeline_resource_new(int32_t, int32_t);
PL_IMPORT("resource_rep") extern int32_t pipeline_resource_rep(int32_t, int32_t);
PL_IMPORT("resource_drop") extern void pipeline_resource_drop(int32_t, int32_t);

void pl_host_call_import(int32_t i, int32_t params, int32_t results) { pipeline_call_import(i, params, results); }
int32_t pl_host_image_size(void) { return pipeline_image_size(); }
void pl_host_image_read(int32_t dst) { pipeline_image_read(dst); }
int32_t pl_host_resource_new(int32_t r, int32_t rep) { return pipeline_resource_new(r, rep); }
int32_t pl_host_resource_rep(int32_t r, int32_t handle) { return pipeline_resource_rep(r, handle); }
void pl_host_resource_drop(int32_t r, int32_t handle) { pipeline_resource_drop(r, handle); }
