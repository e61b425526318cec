"""Fake wasi:http/types: bodies over the fake streams, responses that arrive at a given tick."""
from dataclasses import dataclass

from componentize_py_types import Err, Ok
from wit_world.imports.poll import CLOCK, Pollable
from wit_world.imports.streams import InputStream, OutputStream

FINISHED = []   # bodies finished, in order


@dataclass
class ErrorCode_ConnectionRefused:
    pass


class FutureTrailers:
    def __init__(self):
        self.handle = object()

    def drop(self):
        assert self.handle is not None
        self.handle = None


class IncomingBody:
    def __init__(self, chunks):
        self._stream = InputStream(chunks)
        self.handle = object()
        self.taken = False

    def stream(self):
        if self.taken:
            raise Err(None)
        self.taken = True
        return self._stream

    @classmethod
    def finish(cls, this):
        assert this._stream.handle is None, "incoming-body finished while its stream is alive"
        assert this.handle is not None
        this.handle = None
        FINISHED.append(this)
        return FutureTrailers()


class OutgoingBody:
    def __init__(self, room=1000, closed=False):
        self._stream = OutputStream(room, closed)
        self.handle = object()

    def write(self):
        return self._stream

    @classmethod
    def finish(cls, this, trailers):
        assert this._stream.handle is None, "outgoing-body finished while its stream is alive"
        assert trailers is None
        assert this.handle is not None
        this.handle = None
        FINISHED.append(this)


class IncomingResponse:
    def __init__(self, status, chunks):
        self._status = status
        self._body = IncomingBody(chunks)

    def status(self):
        return self._status

    def consume(self):
        return self._body


class FutureIncomingResponse:
    def __init__(self, tick, outcome):
        self.tick = tick
        self.outcome = outcome
        self.taken = False
        self.handle = object()

    def subscribe(self):
        return Pollable(lambda: CLOCK[0] >= self.tick)

    def get(self):
        assert self.handle is not None
        if CLOCK[0] < self.tick:
            return None
        if self.taken:
            return Err(None)
        self.taken = True
        return Ok(self.outcome)

    def drop(self):
        assert self.handle is not None, "future dropped twice"
        self.handle = None


class OutgoingRequest:
    def __init__(self, path):
        self.path = path
