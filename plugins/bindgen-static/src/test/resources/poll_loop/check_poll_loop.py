"""Checks poll_loop's behaviour on CPython against the fake bindings beside this file.

    python3 check_poll_loop.py http       poll_loop bound for a wasi:http/proxy world
    python3 check_poll_loop.py poll-only  poll_loop bound for a world that imports wasi:io/poll alone

Prints one "ok NAME" line per check; any failure raises (exit code 1).
"""
import asyncio
import hashlib
import sys
import time

import poll_loop
from componentize_py_types import Err
from poll_loop import PollLoop, Sink, Stream
from wit_world.imports import outgoing_handler, poll, streams, types

MODE = sys.argv[1]
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def run(coro):
    loop = PollLoop()
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def pattern(n, seed):
    return bytes((i * 31 + seed) & 0xFF for i in range(n))


def no_live_pollables():
    assert not poll.LIVE, f"{len(poll.LIVE)} pollables were never dropped"


@check
def echo_streams_body_through_a_small_sink():
    data = pattern(100_000, 7)
    chunks = [(tick, data[i:i + 9000]) for tick, i in enumerate(range(0, len(data), 9000))]
    incoming = types.IncomingBody(chunks)
    outgoing = types.OutgoingBody(room=1000)

    async def echo():
        source, sink = Stream(incoming), Sink(outgoing)
        reads = 0
        while (chunk := await source.next()) is not None:
            assert 0 < len(chunk) <= poll_loop.READ_SIZE
            reads += 1
            await sink.send(chunk)
        assert await source.next() is None, "next() after the end stays None"
        sink.close()
        return reads

    reads = run(echo())
    assert bytes(outgoing._stream.received) == data
    assert reads >= len(chunks)
    assert incoming in types.FINISHED and outgoing in types.FINISHED
    assert incoming._stream.handle is None and outgoing._stream.handle is None
    no_live_pollables()


@check
def send_returns_responses_as_they_arrive():
    outgoing_handler.ROUTES.update({
        "/slow": (30, 200, [(0, b"slow "), (5, b"body")]),
        "/fast": (2, 200, [(0, b"fast body")]),
        "/missing": (10, 404, []),
    })

    async def fetch(path):
        response = await poll_loop.send(types.OutgoingRequest(path))
        stream = Stream(response.consume())
        digest = hashlib.sha256()
        while (chunk := await stream.next()) is not None:
            digest.update(chunk)
        return path, response.status(), digest.hexdigest()

    async def all_at_once():
        return [await done for done in asyncio.as_completed([fetch(p) for p in ("/slow", "/fast", "/missing")])]

    before = len(poll.POLLS)
    results = run(all_at_once())
    assert [r[0] for r in results] == ["/fast", "/missing", "/slow"], results
    assert results[0][2] == hashlib.sha256(b"fast body").hexdigest()
    assert results[2][2] == hashlib.sha256(b"slow body").hexdigest()
    assert results[1][1] == 404
    assert max(poll.POLLS[before:]) == 3, "the three requests are awaited in one poll"
    assert all(f.handle is None for f in outgoing_handler.FUTURES), "send drops its future-incoming-response"
    no_live_pollables()


@check
def send_raises_the_error_code():
    outgoing_handler.ROUTES.update({"/refused": "refused", "/bad": "bad"})
    for path in ("/refused", "/bad"):
        try:
            run(poll_loop.send(types.OutgoingRequest(path)))
        except Err as e:
            assert isinstance(e.value, types.ErrorCode_ConnectionRefused), e
        else:
            raise AssertionError(path + " did not raise")
    no_live_pollables()


@check
def sink_reports_a_closed_stream():
    async def write():
        await Sink(types.OutgoingBody(closed=True)).send(b"x")

    try:
        run(write())
    except Err as e:
        assert isinstance(e.value, streams.StreamError_Closed)
    else:
        raise AssertionError("send on a closed stream did not raise")


@check
def timers_sleep_and_time_out():
    never = streams.InputStream([(10**9, b"never")])

    async def wait_for_never():
        await poll_loop.register(asyncio.get_running_loop(), never.subscribe())

    async def main():
        start = time.monotonic()
        await asyncio.sleep(0.02)
        slept = time.monotonic() - start
        try:
            await asyncio.wait_for(wait_for_never(), 0.05)
        except TimeoutError:
            return slept, time.monotonic() - start
        raise AssertionError("wait_for did not time out")

    slept, total = run(main())
    assert slept >= 0.02, slept
    assert total >= 0.07, total
    no_live_pollables()  # the timed-out waiter's pollable is dropped


@check
def gather_callbacks_and_executor():
    order = []

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_soon(order.append, "soon")
        loop.call_later(0.01, order.append, "later")
        values = await asyncio.gather(*(asyncio.sleep(0.001 * i, result=i) for i in range(5)))
        await asyncio.sleep(0.02)
        in_executor = await loop.run_in_executor(None, sum, [1, 2, 3])
        queue = asyncio.Queue()
        loop.call_soon(queue.put_nowait, "queued")
        return values, in_executor, await queue.get()

    values, in_executor, queued = run(main())
    assert values == [0, 1, 2, 3, 4]
    assert order == ["soon", "later"], order
    assert in_executor == 6 and queued == "queued"


@check
def errors_propagate_and_deadlocks_are_reported():
    async def fails():
        await asyncio.sleep(0)
        raise ValueError("boom")

    try:
        run(fails())
    except ValueError as e:
        assert str(e) == "boom"
    else:
        raise AssertionError("the coroutine's exception was lost")

    async def forever():
        await asyncio.get_running_loop().create_future()

    try:
        run(forever())
    except RuntimeError as e:
        assert "nothing to wait for" in str(e), e
    else:
        raise AssertionError("a coroutine waiting on nothing did not fail")

    async def callback_fails():
        asyncio.get_running_loop().call_soon(lambda: 1 / 0)
        await asyncio.sleep(0.01)

    try:
        run(callback_fails())
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("a failing callback did not stop the loop")


@check
def http_helpers_name_what_is_missing():
    if MODE != "poll-only":
        return
    for make in (lambda: Stream(None), lambda: Sink(None)):
        try:
            make()
        except RuntimeError as e:
            assert "wasi:http/types" in str(e), e
        else:
            raise AssertionError("Stream/Sink without wasi:http/types")
    try:
        run(poll_loop.send(None))
    except RuntimeError as e:
        assert "wasi:http/outgoing-handler" in str(e), e
    else:
        raise AssertionError("send without wasi:http/outgoing-handler")


if __name__ == "__main__":
    skip = {"echo_streams_body_through_a_small_sink", "send_returns_responses_as_they_arrive",
            "send_raises_the_error_code", "sink_reports_a_closed_stream"} if MODE == "poll-only" else set()
    for fn in CHECKS:
        if fn.__name__ in skip:
            continue
        fn()
        print("ok", fn.__name__, flush=True)
