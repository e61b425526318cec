"""Test app for the runtime's dynamic mode: plain Python values, imports called by name."""
import _pipeline_rt
from componentize_py_types import Err


class WitWorld:
    def echo(self, v):
        return v

    def show(self, v):
        return repr(sorted(v)) if isinstance(v, (set, frozenset)) else repr(v)

    def call_add(self):
        return _pipeline_rt.call_import(_pipeline_rt.find_import("add"), [20, 22])

    def parse(self, text):
        if not text.isdigit():
            raise Err("not a number: " + text)
        return int(text)

    def mode(self):
        return _pipeline_rt.MODE
