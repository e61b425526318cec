"""An asyncio event loop driven by `wasi:io/poll`, and helpers for `wasi:http` 0.2 bodies and outgoing requests.

An export runs its coroutines on a `PollLoop`:

    loop = PollLoop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(handle_async(request, response_out))

Inside, `await register(loop, pollable)` suspends a coroutine until a `wasi:io` pollable is ready (the loop takes
the pollable and drops it once ready); tasks, `gather`, `as_completed`, queues, events, `sleep` and `wait_for` work
as usual. `Stream` reads a `wasi:http` incoming-body chunk by chunk, `Sink` writes an outgoing-body with
back-pressure, and `send(request)` sends an outgoing request and returns its response. The loop has no sockets,
subprocesses, signals or threads: those methods raise NotImplementedError.

Stream and Sink need the world to import `wasi:http/types`; send also needs `wasi:http/outgoing-handler`.
"""
from __future__ import annotations

import asyncio
import collections
import heapq
import sys
import time
from typing import TYPE_CHECKING, Any, Callable, Optional

from componentize_py_types import Err, Ok

# The world's bindings this module uses. The bindings stage binds each line to the world's module for that
# interface, or to None when the world does not import it.
import wit_world.imports.poll as _poll  # wasi:io/poll
import wit_world.imports.streams as _streams  # wasi:io/streams
import wit_world.imports.monotonic_clock as _clock  # wasi:clocks/monotonic-clock
import wit_world.imports.types as _http  # wasi:http/types
import wit_world.imports.outgoing_handler as _outgoing  # wasi:http/outgoing-handler

READ_SIZE: int = 16 * 1024
"""The most bytes `Stream.next` asks for in one read."""


class PollLoop(asyncio.AbstractEventLoop):
    """An asyncio event loop whose only way to wait is `wasi:io/poll#poll` (and the clock, for timers)."""

    def __init__(self) -> None:
        self._ready: collections.deque[asyncio.Handle] = collections.deque()
        self._timers: list[asyncio.TimerHandle] = []
        self._waiting: list[tuple[Any, asyncio.Future[None]]] = []
        self._running = False
        self._stopping = False
        self._closed = False
        self._debug = False
        self._failure: Optional[BaseException] = None
        self._exception_handler: Optional[Callable[[asyncio.AbstractEventLoop, dict[str, Any]], object]] = None
        self._task_factory: Optional[Callable[..., Any]] = None

    # --- running

    def run_until_complete(self, future: Any) -> Any:
        """Runs the loop until `future` (a future, task or coroutine) is done; returns its result or raises."""
        self._check_closed()
        future = asyncio.ensure_future(future, loop=self)
        future.add_done_callback(_stop_loop)
        try:
            self.run_forever()
        finally:
            future.remove_done_callback(_stop_loop)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()

    def run_forever(self) -> None:
        """Runs callbacks and waits for pollables and timers until `stop()` is called."""
        self._check_closed()
        if self._running:
            raise RuntimeError("This event loop is already running")
        if asyncio.events._get_running_loop() is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._running = True
        asyncio.events._set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            asyncio.events._set_running_loop(None)

    def _run_once(self) -> None:
        if not self._ready and not self._stopping:
            self._wait()
        now = self.time()
        while self._timers and (self._timers[0]._cancelled or self._timers[0].when() <= now):
            timer = heapq.heappop(self._timers)
            if not timer._cancelled:
                self._ready.append(timer)
        for _ in range(len(self._ready)):
            handle = self._ready.popleft()
            if not handle._cancelled:
                handle._run()
            if self._failure is not None:
                failure, self._failure = self._failure, None
                raise failure

    def _wait(self) -> None:
        """Blocks until a pollable is ready or the next timer is due."""
        self._forget_cancelled_waiters()
        while self._timers and self._timers[0]._cancelled:
            heapq.heappop(self._timers)
        timeout = None if not self._timers else max(0.0, self._timers[0].when() - self.time())
        if not self._waiting:
            if timeout is None:
                raise RuntimeError("the event loop has nothing to run and nothing to wait for: "
                                   "a coroutine awaits a future that nothing will complete")
            if timeout > 0:
                time.sleep(timeout)
            return
        pollables = [p for p, _ in self._waiting]
        if timeout is not None and _clock is None:
            # no clock pollable to poll with: check readiness without blocking, and sleep a little in between
            ready = [i for i, p in enumerate(pollables) if p.ready()]
            if not ready:
                time.sleep(min(timeout, 0.001))
                return
        else:
            timer = None
            if timeout is not None:
                timer = _clock.subscribe_duration(int(timeout * 1e9))
                pollables.append(timer)
            try:
                ready = _poll.poll(pollables)
            finally:
                if timer is not None:
                    timer.drop()
        woken = set(ready)
        still = []
        for i, (pollable, waiter) in enumerate(self._waiting):
            if i in woken:
                pollable.drop()
                if not waiter.done():
                    waiter.set_result(None)
            else:
                still.append((pollable, waiter))
        self._waiting = still

    def _forget_cancelled_waiters(self) -> None:
        still = []
        for pollable, waiter in self._waiting:
            if waiter.done():
                pollable.drop()
            else:
                still.append((pollable, waiter))
        self._waiting = still

    def _watch(self, pollable: Any) -> asyncio.Future[None]:
        self._check_closed()
        waiter = self.create_future()
        self._waiting.append((pollable, waiter))
        return waiter

    def stop(self) -> None:
        """Stops `run_forever` after the callbacks that are ready now have run."""
        self._stopping = True

    def is_running(self) -> bool:
        return self._running

    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Drops what the loop still waits for; the loop cannot run again."""
        if self._running:
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._timers.clear()
        for pollable, _ in self._waiting:
            pollable.drop()
        self._waiting.clear()

    def _check_closed(self) -> None:
        if self._closed:
            raise RuntimeError("Event loop is closed")

    async def shutdown_asyncgens(self) -> None:
        pass

    async def shutdown_default_executor(self, timeout: Optional[float] = None) -> None:
        pass

    # --- callbacks and timers

    def call_soon(self, callback: Callable[..., object], *args: Any, context: Any = None) -> asyncio.Handle:
        self._check_closed()
        handle = asyncio.Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_soon_threadsafe(self, callback: Callable[..., object], *args: Any, context: Any = None) -> asyncio.Handle:
        return self.call_soon(callback, *args, context=context)

    def call_later(self, delay: float, callback: Callable[..., object], *args: Any,
                   context: Any = None) -> asyncio.TimerHandle:
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when: float, callback: Callable[..., object], *args: Any,
                context: Any = None) -> asyncio.TimerHandle:
        self._check_closed()
        timer = asyncio.TimerHandle(when, callback, args, self, context)
        heapq.heappush(self._timers, timer)
        return timer

    def _timer_handle_cancelled(self, handle: asyncio.TimerHandle) -> None:
        pass  # cancelled timers are skipped when they reach the head of the heap

    def time(self) -> float:
        return time.monotonic()

    # --- futures and tasks

    def create_future(self) -> asyncio.Future[Any]:
        return asyncio.Future(loop=self)

    def create_task(self, coro: Any, *, name: Optional[str] = None, context: Any = None) -> asyncio.Task[Any]:
        self._check_closed()
        extra: dict[str, Any] = {} if context is None else {"context": context}
        if self._task_factory is None:
            return asyncio.Task(coro, loop=self, name=name, **extra)
        task: asyncio.Task[Any] = self._task_factory(self, coro, **extra)
        if name is not None:
            task.set_name(name)
        return task

    def set_task_factory(self, factory: Optional[Callable[..., Any]]) -> None:
        self._task_factory = factory

    def get_task_factory(self) -> Optional[Callable[..., Any]]:
        return self._task_factory

    def run_in_executor(self, executor: Any, func: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """A component has no threads: runs `func` now and returns a future that already holds its outcome."""
        self._check_closed()
        future = self.create_future()
        try:
            future.set_result(func(*args))
        except BaseException as e:  # delivered to whoever awaits the future
            future.set_exception(e)
        return future

    def set_default_executor(self, executor: Any) -> None:
        pass

    # --- errors

    def get_exception_handler(self) -> Any:
        return self._exception_handler

    def set_exception_handler(self, handler: Any) -> None:
        self._exception_handler = handler

    def default_exception_handler(self, context: dict[str, Any]) -> None:
        """An exception no one retrieved (a failed callback or task) stops the loop: run_* raise it."""
        exception = context.get("exception")
        if isinstance(exception, BaseException) and self._running:
            if self._failure is None:
                self._failure = exception
        else:
            print("poll_loop: " + str(context.get("message", "error in the event loop"))
                  + ("" if exception is None else ": " + repr(exception)), file=sys.stderr)

    def call_exception_handler(self, context: dict[str, Any]) -> None:
        if self._exception_handler is None:
            self.default_exception_handler(context)
            return
        try:
            self._exception_handler(self, context)
        except BaseException as e:
            self.default_exception_handler({"message": "error in the exception handler", "exception": e})

    def get_debug(self) -> bool:
        return self._debug

    def set_debug(self, enabled: bool) -> None:
        self._debug = enabled

    if TYPE_CHECKING:
        # No sockets, pipes, file descriptors, subprocesses or signals in a component: AbstractEventLoop's own
        # methods raise NotImplementedError. Declared for type checkers, which see them as abstract.
        def add_reader(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def add_writer(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def remove_reader(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def remove_writer(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def add_signal_handler(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def remove_signal_handler(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def connect_read_pipe(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def connect_write_pipe(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def connect_accepted_socket(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def create_connection(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def create_datagram_endpoint(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def create_server(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def create_unix_connection(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def create_unix_server(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def getaddrinfo(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def getnameinfo(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sendfile(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def start_tls(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_accept(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_connect(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_recv(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_recv_into(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_recvfrom(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_recvfrom_into(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_sendall(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_sendfile(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def sock_sendto(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def subprocess_exec(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError
        def subprocess_shell(self, *args: Any, **kwargs: Any) -> Any: raise NotImplementedError


def _stop_loop(future: asyncio.Future[Any]) -> None:
    future.get_loop().stop()


async def register(loop: PollLoop, pollable: Any) -> None:
    """Waits until `pollable` (a `wasi:io/poll` pollable) is ready. The loop owns it from now on and drops it."""
    waiter = loop._watch(pollable)
    try:
        await waiter
    except BaseException:
        if not waiter.done():
            waiter.cancel()
        loop._forget_cancelled_waiters()
        raise


async def _ready(pollable: Any) -> None:
    loop = asyncio.get_running_loop()
    if not isinstance(loop, PollLoop):
        raise RuntimeError("poll_loop helpers run on a PollLoop: call asyncio.set_event_loop(PollLoop()) "
                           "and loop.run_until_complete(...)")
    await register(loop, pollable)


def _need(module: Any, interface: str, what: str) -> Any:
    if module is None:
        raise RuntimeError(f"poll_loop.{what} needs the world to import {interface}")
    return module


class Stream:
    """Reads a `wasi:http/types#incoming-body`: `await stream.next()` gives the next chunk, or None at the end."""

    def __init__(self, body: Any) -> None:
        _need(_http, "wasi:http/types", "Stream")
        self.body: Any = body
        self.stream: Any = body.stream()

    async def next(self) -> Optional[bytes]:
        """Waits for the next chunk of the body; None once the body has ended (then the body is finished)."""
        while self.stream is not None:
            try:
                chunk: bytes = self.stream.read(READ_SIZE)
            except Err as e:
                if isinstance(e.value, _streams.StreamError_Closed):
                    self._finish()
                    return None
                raise
            if chunk:
                return chunk
            await _ready(self.stream.subscribe())
        return None

    def _finish(self) -> None:
        if self.stream is not None:
            self.stream.drop()
            self.stream = None
        if self.body is not None:
            body, self.body = self.body, None
            _http.IncomingBody.finish(body).drop()  # the trailers are not read


class Sink:
    """Writes a `wasi:http/types#outgoing-body`: `await sink.send(chunk)` as often as needed, then `close()`."""

    def __init__(self, body: Any) -> None:
        _need(_http, "wasi:http/types", "Sink")
        self.body: Any = body
        self.stream: Any = body.write()

    async def send(self, chunk: bytes) -> None:
        """Writes `chunk` and flushes it, waiting whenever the host has no room for more."""
        if self.stream is None:
            raise RuntimeError("the sink is closed")
        offset = 0
        while offset < len(chunk):
            room = self.stream.check_write()
            if room == 0:
                await _ready(self.stream.subscribe())
                continue
            count = min(room, len(chunk) - offset)
            self.stream.write(chunk[offset:offset + count])
            offset += count
        self.stream.flush()
        while self.stream.check_write() == 0:  # the flush completes when there is room again
            await _ready(self.stream.subscribe())

    def close(self) -> None:
        """Ends the body: no more data will be written (no trailers)."""
        if self.stream is not None:
            self.stream.drop()
            self.stream = None
        if self.body is not None:
            body, self.body = self.body, None
            _http.OutgoingBody.finish(body, None)


async def send(request: Any) -> Any:
    """Sends an outgoing request and waits for its incoming-response.

    Raises `componentize_py_types.Err(error_code)` when the request fails."""
    handler = _need(_outgoing, "wasi:http/outgoing-handler", "send")
    future = handler.handle(request, None)
    try:
        while True:
            outcome = future.get()
            if outcome is None:
                await _ready(future.subscribe())
            elif isinstance(outcome, Ok):
                if isinstance(outcome.value, Ok):
                    return outcome.value.value
                raise outcome.value
            else:
                raise outcome
    finally:
        future.drop()
