"""An HTTP service for the `wasi:http/proxy` world: it streams request bodies back, fetches URLs concurrently and
streams what it finds, all on one asyncio loop driven by `wasi:io/poll` (the bundled `poll_loop` module).

    POST /echo      the request body, streamed back chunk by chunk (its content-type is kept)
    GET  /hash-all  for every `url` request header, "URL: SHA-256 of its body", one line each as the downloads finish
    anything else   404
"""
import asyncio
import hashlib
from typing import Optional, Tuple
from urllib.parse import urlsplit

import poll_loop
from componentize_py_types import Err, Ok
from poll_loop import PollLoop, Sink, Stream
from wit_world import exports
from wit_world.imports.types import (
    Fields,
    IncomingRequest,
    Method_Get,
    Method_Post,
    OutgoingBody,
    OutgoingRequest,
    OutgoingResponse,
    ResponseOutparam,
    Scheme,
    Scheme_Http,
    Scheme_Https,
    Scheme_Other,
)


class IncomingHandler(exports.IncomingHandler):
    """The export the host calls once per request."""

    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        loop = PollLoop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(route(request, response_out))
        finally:
            loop.close()


async def route(request: IncomingRequest, response_out: ResponseOutparam) -> None:
    method = request.method()
    path = request.path_with_query()
    if isinstance(method, Method_Post) and path == "/echo":
        await echo(request, response_out)
    elif isinstance(method, Method_Get) and path == "/hash-all":
        await hash_all(request, response_out)
    else:
        respond(response_out, 404, f"no route for {path}\n".encode())


async def echo(request: IncomingRequest, response_out: ResponseOutparam) -> None:
    """Copies the request body to the response as it arrives, without holding all of it."""
    kept = [(name, value) for name, value in request.headers().entries() if name == "content-type"]
    response = OutgoingResponse(Fields.from_list(kept))
    body = response.body()
    ResponseOutparam.set(response_out, Ok(response))
    source = Stream(request.consume())
    sink = Sink(body)
    while (chunk := await source.next()) is not None:
        await sink.send(chunk)
    sink.close()


async def hash_all(request: IncomingRequest, response_out: ResponseOutparam) -> None:
    """Downloads every `url` header's URL at once and writes each digest as soon as its download ends."""
    urls = [value.decode() for name, value in request.headers().entries() if name == "url"]
    response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain")]))
    body = response.body()
    ResponseOutparam.set(response_out, Ok(response))
    sink = Sink(body)
    for finished in asyncio.as_completed([sha256_of(url) for url in urls]):
        url, digest = await finished
        await sink.send(f"{url}: {digest}\n".encode())
    sink.close()


async def sha256_of(url: str) -> Tuple[str, str]:
    """The SHA-256 of a URL's body, computed while it downloads (or why there is none)."""
    parts = urlsplit(url)
    request = OutgoingRequest(Fields())
    request.set_scheme(scheme_of(parts.scheme))
    request.set_authority(parts.netloc)
    request.set_path_with_query(parts.path + ("?" + parts.query if parts.query else "") or "/")
    try:
        response = await poll_loop.send(request)
    except Err as e:
        return url, f"request failed: {e.value}"
    status = response.status()
    if not 200 <= status < 300:
        return url, f"unexpected status {status}"
    stream = Stream(response.consume())
    digest = hashlib.sha256()
    chunk: Optional[bytes]
    while (chunk := await stream.next()) is not None:
        digest.update(chunk)
    return url, digest.hexdigest()


def scheme_of(name: str) -> Scheme:
    if name == "http":
        return Scheme_Http()
    if name == "https":
        return Scheme_Https()
    return Scheme_Other(name)


def respond(response_out: ResponseOutparam, status: int, text: bytes) -> None:
    """A whole small response at once."""
    response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain")]))
    response.set_status_code(status)
    body = response.body()
    ResponseOutparam.set(response_out, Ok(response))
    with body.write() as out:
        out.blocking_write_and_flush(text)
    OutgoingBody.finish(body, None)
