/* pipeline_dump_stack: where Python is, for a host that stopped the runtime (a time budget ran out, a call it
 * refuses). Reads the frames only, allocates nothing and runs no Python, so it works after the host unwound the
 * runtime at any point: it is faulthandler's dump of the main thread. */
#include "rt.h"

/* CPython's internal (pycore_traceback.h): "Stack (most recent call first):" then one line per frame. */
extern void _Py_DumpTraceback(int fd, PyThreadState *tstate);

/* Export: writes the Python stack of the main thread to stderr; writes nothing before Python started. */
__attribute__((export_name("pipeline_dump_stack")))
void pipeline_dump_stack(void) {
    PyInterpreterState *interp = PyInterpreterState_Main();
    PyThreadState *tstate = interp ? PyInterpreterState_ThreadHead(interp) : NULL;
    if (tstate) _Py_DumpTraceback(2, tstate);
}
