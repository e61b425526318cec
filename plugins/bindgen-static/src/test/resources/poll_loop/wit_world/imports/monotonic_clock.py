"""Fake wasi:clocks/monotonic-clock: duration pollables in real time."""
import time

from wit_world.imports.poll import Pollable

SUBSCRIBED = []


def now():
    return time.monotonic_ns()


def subscribe_duration(when):
    assert isinstance(when, int) and when >= 0
    SUBSCRIBED.append(when)
    deadline = time.monotonic_ns() + when
    return Pollable(lambda: time.monotonic_ns() >= deadline)
