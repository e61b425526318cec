"""The exported resource `thing`: named after its interface, as componentize-py expects."""
import weakref

from wit_world.exports import things
from wit_world.imports import host_res

LIVE = weakref.WeakSet()


class Thing(things.Thing):
    def __init__(self, name: str) -> None:
        self._name = name
        LIVE.add(self)

    def name(self) -> str:
        return self._name

    def rename(self, name: str) -> None:
        self._name = name

    @classmethod
    def combine(cls, a: "Thing", b: "Thing") -> "Thing":
        return Thing(a._name + "+" + b._name)

    def take_counter(self, c: host_res.Counter) -> int:
        with c:
            return c.incr()
