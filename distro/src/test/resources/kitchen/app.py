"""The kitchen-sink app: echoes every WIT type back, calls every host import, raises Err and crashes on request."""
import math

from componentize_py_types import Err, Ok, Some
from wit_world import exports
from wit_world.imports import host, types


class Api(exports.Api):
    def echo_everything(self, e: types.Everything) -> types.Everything:
        return e

    def echo_shape(self, s: types.Shape) -> types.Shape:
        return s

    def echo_nested(self, n: types.Nested) -> types.Nested:
        return n

    def echo_strings(self, l):
        return l

    def echo_option(self, o):
        return o

    def echo_result_param(self, r) -> str:
        if isinstance(r, Ok):
            return "ok:" + r.value
        return "err:" + r.value.name

    def echo_tuple(self, t):
        return t

    def echo_flags(self, p, m):
        return (p, m)

    def echo_bytes(self, b: bytes) -> bytes:
        assert isinstance(b, bytes)
        return b

    def echo_enum(self, c: types.Color) -> types.Color:
        return c

    def sum_many(self, *args: int) -> int:
        return sum(args)

    def divide(self, a: int, b: int) -> int:
        if b == 0:
            raise Err("division by zero")
        return a // b

    def crash(self, message: str) -> None:
        raise RuntimeError(message)

    def call_host(self) -> list[str]:
        """Calls every host import with extreme values; returns one line per check."""
        report = []

        def check(name, sent, got):
            same = sent == got or (isinstance(sent, float) and math.isnan(sent) and math.isnan(got))
            report.append(("OK " if same else "FAIL ") + name + ("" if same else f": sent {sent!r} got {got!r}"))

        e = types.Everything(True, -128, 255, -32768, 65535, -2**31, 2**32 - 1, -2**63, 2**64 - 1, 1.5, -0.0, "🌍", "héllo")
        check("everything", e, host.echo_everything(e))
        for s in (types.Shape_Circle(2.5), types.Shape_Rect(types.Point(-1, 7)), types.Shape_Empty()):
            check("shape", s, host.echo_shape(s))
        n = types.Nested([types.Point(1, 2), types.Point(3, 4)], [None, types.Shape_Empty(), types.Shape_Circle(1.0)], ("tag", b"\x00\xff"))
        check("nested", n, host.echo_nested(n))
        check("strings", [["a", ""], [], ["ünïcode", "😀"]], host.echo_strings([["a", ""], [], ["ünïcode", "😀"]]))
        for o in (None, Some(None), Some(7)):
            check("option", o, host.echo_option(o))
        for r in (Ok("fine"), Err(types.Color.BLUE)):
            try:
                got = Ok(host.echo_result(r))
            except Err as err:
                got = err
            check("result", r, got)
        check("tuple", (255, "x", float("inf")), host.echo_tuple((255, "x", float("inf"))))
        p = types.Perms.READ | types.Perms.EXEC
        m = types.Many.F0 | types.Many.F31
        check("flags", (p, m), host.echo_flags(p, m))
        check("bytes", bytes(range(256)), host.echo_bytes(bytes(range(256))))
        check("fallible ok", 42, host.fallible(False))
        try:
            host.fallible(True)
            report.append("FAIL fallible err: no exception")
        except Err as err:
            check("fallible err", "nope", err.value)
        check("sum-many", sum(range(1, 18)), host.sum_many(*range(1, 18)))
        return report
