"""Fake wasi:http/outgoing-handler: responses by path, arriving after a delay in ticks."""
from componentize_py_types import Err, Ok
from wit_world.imports.types import ErrorCode_ConnectionRefused, FutureIncomingResponse, IncomingResponse

ROUTES = {}     # path -> (delay in ticks, status, chunks as (tick offset, bytes)) or "refused" / "bad"
FUTURES = []


def handle(request, options):
    assert options is None
    route = ROUTES[request.path]
    if route == "bad":
        raise Err(ErrorCode_ConnectionRefused())
    from wit_world.imports.poll import CLOCK
    if route == "refused":
        future = FutureIncomingResponse(CLOCK[0] + 1, Err(ErrorCode_ConnectionRefused()))
    else:
        delay, status, chunks = route
        start = CLOCK[0] + delay
        future = FutureIncomingResponse(start, Ok(IncomingResponse(status, [(start + t, c) for t, c in chunks])))
    FUTURES.append(future)
    return future
