// The `checksum` interface implemented with crc32c's software CRC (crc32c_sw.c, unmodified), written against the
// wit-bindgen C bindings of the `crc` world (crc.h, generated at build time).
#include "crc.h"
#include "crc32c.h"

/* crc32c_sw.c reads this flag, which _crc32c.c (the Python module, not built here) defines: wasm is little-endian */
int is_big_endian = 0;

uint32_t exports_example_crc_checksum_crc32c(crc_list_u8_t *data, uint32_t value) {
    uint32_t crc = _crc32c_sw_slicing_by_8(value ^ 0xffffffff, data->ptr, data->len) ^ 0xffffffff;
    crc_list_u8_free(data);
    return crc;
}

void exports_example_crc_checksum_noop(void) {
}
