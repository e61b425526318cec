"""Fake wasi:io/streams: an input stream fed by chunks that arrive at given ticks, an output stream with little room."""
from dataclasses import dataclass

from componentize_py_types import Err
from wit_world.imports.poll import CLOCK, Pollable


@dataclass
class StreamError_LastOperationFailed:
    value: object


@dataclass
class StreamError_Closed:
    pass


class InputStream:
    def __init__(self, chunks):
        self.chunks = list(chunks)   # (tick, bytes), in order
        self.handle = object()
        self.children = 0

    def _available(self):
        return bool(self.chunks) and self.chunks[0][0] <= CLOCK[0]

    def read(self, len):
        assert self.handle is not None
        if not self.chunks:
            raise Err(StreamError_Closed())
        if not self._available():
            return b""
        tick, data = self.chunks[0]
        taken, rest = data[:len], data[len:]
        if rest:
            self.chunks[0] = (tick, rest)
        else:
            self.chunks.pop(0)
        return taken

    def subscribe(self):
        assert self.handle is not None
        return Pollable(lambda: not self.chunks or self._available())

    def drop(self):
        assert self.handle is not None, "input stream dropped twice"
        self.handle = None


class OutputStream:
    def __init__(self, room=1000, closed=False):
        self.room = room
        self.pending = []            # (tick written, bytes): drained one tick later
        self.flushed_at = None
        self.received = bytearray()
        self.closed = closed
        self.handle = object()
        self.flushes = 0

    def _buffered(self):
        self.pending = [(t, n) for t, n in self.pending if t >= CLOCK[0]]
        return sum(n for _, n in self.pending)

    def check_write(self):
        assert self.handle is not None
        if self.closed:
            raise Err(StreamError_Closed())
        if self.flushed_at is not None:
            if CLOCK[0] <= self.flushed_at:
                return 0
            self.flushed_at = None
        return self.room - self._buffered()

    def write(self, contents):
        assert self.handle is not None
        assert isinstance(contents, bytes)
        assert 0 < len(contents) <= self.check_write(), "write beyond check-write's permit"
        self.received += contents
        self.pending.append((CLOCK[0], len(contents)))

    def flush(self):
        self.flushes += 1
        self.flushed_at = CLOCK[0]

    def blocking_write_and_flush(self, contents):
        self.received += contents

    def subscribe(self):
        assert self.handle is not None
        return Pollable(lambda: self.closed or self.check_write() > 0)

    def drop(self):
        assert self.handle is not None, "output stream dropped twice"
        self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.drop()
