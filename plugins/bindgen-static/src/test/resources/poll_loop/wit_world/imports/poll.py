"""Fake wasi:io/poll: pollables whose readiness is a function of the virtual clock (or of real time)."""
import time

CLOCK = [0]       # virtual ticks; poll advances it while nothing is ready
LIVE = set()      # pollables not dropped yet
POLLS = []        # the length of every poll() list


class Pollable:
    def __init__(self, ready_fn):
        self._ready_fn = ready_fn
        self.handle = object()
        LIVE.add(self)

    def ready(self):
        assert self.handle is not None, "ready() on a dropped pollable"
        return bool(self._ready_fn())

    def drop(self):
        assert self.handle is not None, "pollable dropped twice"
        self.handle = None
        LIVE.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.drop()


def poll(in_):
    assert in_, "poll with an empty list traps"
    assert all(p.handle is not None for p in in_), "poll on a dropped pollable"
    POLLS.append(len(in_))
    deadline = time.monotonic() + 5
    while True:
        ready = [i for i, p in enumerate(in_) if p.ready()]
        if ready:
            return ready
        CLOCK[0] += 1
        time.sleep(0.0002)
        assert time.monotonic() < deadline, "poll would block forever"
