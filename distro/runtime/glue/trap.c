/* Trapping with a message: the runtime's answer to invalid input from the host and to unexpected errors. */
#include "rt.h"
#include <stdarg.h>
#include <stdio.h>

_Noreturn void pl_trap(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("pipeline runtime: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    __builtin_trap();
}

_Noreturn void pl_trap_python(const char *what) {
    if (PyErr_Occurred()) PyErr_Print();
    pl_trap("%s", what);
}
