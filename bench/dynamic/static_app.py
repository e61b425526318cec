"""The call benchmark with static bindings."""
from wit_world import exports
from wit_world.imports import host


class Api(exports.Api):
    def echo_u8(self, x):
        return x

    def echo_string(self, s):
        return s

    def echo_point(self, p):
        return p

    def call_host(self, which, n):
        if which == "u8":
            for _ in range(n):
                host.echo_u8(7)
        elif which == "string":
            for _ in range(n):
                host.echo_string("hello, world")
        else:
            p = host.Point(1, 2, "p")
            for _ in range(n):
                host.echo_point(p)
