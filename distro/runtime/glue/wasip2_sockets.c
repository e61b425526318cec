/* wasm32-wasip2 only: two differences between wasi-libc's sockets and POSIX that Python relies on.
 *
 * 1. Closing an accepted TCP connection in an order jco's preview2-shim accepts.
 *
 * wasi-libc drops a connected socket's resources as the WASI resource tree allows: the streams' pollables, the
 * streams, then the socket's own pollable and the socket. preview2-shim gives an accepted connection's socket and
 * its input stream one shared poll state, and refuses to drop the input stream while the socket's pollable (which
 * it counts as the stream's child) is alive: every accepted connection closed by libc traps there, including the
 * self-pipe of asyncio's default loop (Python's socketpair fallback accepts a loopback connection). link-runtime.sh
 * links the wasip2 runtime with --wrap=descriptor_table_remove: when libc takes a connected TCP socket out of its
 * descriptor table (to close it), the socket's pollable is dropped here first and replaced by an independent,
 * already ready clock pollable, which libc then drops in its place.
 *
 * The entry layout is that of the pinned wasi-libc (sources.sha256): tag 0 = TCP socket, then the socket handle,
 * its pollable handle, the flag bytes (the first is `blocking`) and the state tag (2 = connecting, 3 = connected),
 * as 32-bit words.
 *
 * 2. getpeername on a socket whose non-blocking connect has not been seen to finish. wasi-libc moves a socket from
 * "connecting" to "connected" only when poll() sees it ready; until then getpeername fails with ENOTCONN even after
 * the peer has accepted the connection, where Linux answers as soon as the handshake is done. Python's socketpair
 * fallback (the self-pipe of every asyncio event loop) connects without blocking, switches the socket back to
 * blocking, accepts on the other end and then asks for the peer's name: whether that worked depended on how fast
 * the host finished the connect. --wrap=getpeername polls such a socket first: a blocking socket waits for the
 * connect to finish (as a blocking call would have), a non-blocking one only takes a result that is already there. */
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h> /* defines __wasilibc_use_wasip2 for wasm32-wasip2 */

#ifdef __wasilibc_use_wasip2
#include <wasi/wasip2.h>

enum { ENTRY_TCP_SOCKET = 0, TCP_STATE_CONNECTING = 2, TCP_STATE_CONNECTED = 3 };
enum { W_TAG = 0, W_SOCKET_POLLABLE = 2, W_FLAGS = 3, W_STATE = 4 };

bool __real_descriptor_table_remove(int fd, void *entry);

bool __wrap_descriptor_table_remove(int fd, void *entry) {
    bool removed = __real_descriptor_table_remove(fd, entry);
    uint32_t *w = entry;
    if (removed && w[W_TAG] == ENTRY_TCP_SOCKET && w[W_STATE] == TCP_STATE_CONNECTED) {
        poll_pollable_drop_own((poll_own_pollable_t){ (int32_t) w[W_SOCKET_POLLABLE] });
        w[W_SOCKET_POLLABLE] = (uint32_t) monotonic_clock_subscribe_duration(0).__handle;
    }
    return removed;
}
bool descriptor_table_get_ref(int fd, void **entry);
int __real_getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len);

int __wrap_getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len) {
    uint32_t *w;
    if (descriptor_table_get_ref(fd, (void **) &w) && w[W_TAG] == ENTRY_TCP_SOCKET
            && w[W_STATE] == TCP_STATE_CONNECTING) {
        bool blocking = ((const uint8_t *) &w[W_FLAGS])[0];
        struct pollfd ready = { .fd = fd, .events = POLLOUT };
        poll(&ready, 1, blocking ? -1 : 0);
    }
    return __real_getpeername(fd, addr, len);
}
#endif
