"""The call benchmark with dynamic bindings."""
from wit_dynamic import call, export


@export("api#echo-u8")
def echo_u8(x):
    return x


@export("api#echo-string")
def echo_string(s):
    return s


@export("api#echo-point")
def echo_point(p):
    return p


@export("api#call-host")
def call_host(which, n):
    if which == "u8":
        for _ in range(n):
            call("host#echo-u8", 7)
    elif which == "string":
        for _ in range(n):
            call("host#echo-string", "hello, world")
    else:
        p = {"x": 1, "y": 2, "label": "p"}
        for _ in range(n):
            call("host#echo-point", p)
