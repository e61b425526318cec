"""The kitchen sink with dynamic bindings: exports registered by WIT name, imports called by WIT name, plain values."""
import math

import wit_dynamic
from wit_dynamic import Some, call, export


@export("hello")
def hello(name):
    call("log", "hello " + name)
    return "Hello, " + name + "!"


def echo(value, *more):
    return value if not more else (value,) + more


# one function serves every echo export: values arrive and leave in the same plain mapping
for name in ("echo-u8", "echo-everything", "echo-shape", "echo-nested", "echo-option", "echo-result", "echo-tuple",
             "echo-bytes", "echo-enum"):
    wit_dynamic.register({"api#" + name: echo})


@export("test:dyn/api@0.1.0#echo-flags")
def echo_flags(p, m):
    assert isinstance(p, set) and isinstance(m, set)
    return (p, m)


@export("api#divide")
def divide(a, b):
    return ("err", "division by zero") if b == 0 else ("ok", a // b)


@export("api#counter")
class Counter:

    def __init__(self, start):
        self.n = start

    def incr(self, by):
        self.n += by
        return self.n

    def get(self):
        return self.n

    @classmethod
    def make(cls, start):
        return cls(start * 10)


@export("api#take-counter")
def take_counter(c):
    assert isinstance(c, Counter), c
    return c.get()


@export("api#call-host")
def call_host():
    report = []

    def check(label, sent, got):
        same = sent == got or (isinstance(sent, float) and math.isnan(sent) and math.isnan(got))
        report.append(("OK " if same else "FAIL ") + label + ("" if same else ": sent %r got %r" % (sent, got)))

    e = {"a": True, "b": -128, "c": 255, "d": -32768, "e": 65535, "f": -2**31, "g": 2**32 - 1, "h": -2**63, "i": 2**64 - 1,
         "j": 1.5, "k": -0.0, "l": "🌍", "m": "héllo"}
    check("everything", e, call("host#echo-everything", e))
    check("u8", 255, call("test:dyn/host@0.1.0#echo-u8", 255))
    check("point", {"x": -1, "y": 7}, call("test:dyn/host#echo-point", {"x": -1, "y": 7}))
    for s in (("circle", 2.5), ("rect", {"x": -1, "y": 7}), ("empty", None)):
        check("shape " + s[0], s, call("host#echo-shape", s))
    check("shape bare case", ("empty", None), call("host#echo-shape", "empty"))
    n = {"points": [{"x": 1, "y": 2}, {"x": 3, "y": 4}], "shapes": [None, ("empty", None), ("circle", 1.0)],
         "tags": ("tag", b"\x00\xff"), "first-point": {"x": 1, "y": 2}}
    check("nested", n, call("host#echo-nested", n))
    for o in (None, Some(None), Some(7)):
        check("option " + repr(o), o, call("host#echo-option", o))
    for r in (("ok", "fine"), ("err", "blue")):
        check("result " + r[0], r, call("host#echo-result", r))
    check("tuple", (255, "x", float("inf")), call("host#echo-tuple", (255, "x", float("inf"))))
    check("flags", ({"read", "exec"}, {"f0", "f31"}), call("host#echo-flags", {"read", "exec"}, {"f0", "f31"}))
    check("bytes", bytes(range(256)), call("host#echo-bytes", bytes(range(256))))
    check("colors", ["red", "blue", "green"], call("host#echo-colors", ["red", "blue", "green"]))
    check("fallible ok", ("ok", 42), call("host#fallible", False))
    check("fallible err", ("err", "nope"), call("host#fallible", True))
    # an imported resource: a handle with methods called by WIT name and explicit drop
    a = call("host#[constructor]blob", b"abc")
    b = call("host#[constructor]blob", b"de")
    check("blob type", "blob", a.resource)
    check("blob size", 3, a.call("size"))
    check("blob read", b"ab", a.call("read", 2))
    check("live 2", 2, call("host#live-blobs"))
    m = call("host#[static]blob.merge", a, b)  # borrows a, takes b
    check("merged", b"abcde", m.call("read", 10))
    check("b moved", None, b.handle)
    with m:
        check("live 2 after merge", 2, call("host#live-blobs"))
    a.drop()
    check("live 0 after drop", 0, call("host#live-blobs"))
    return report


@export("api#type-errors")
def type_errors():
    """Each wrong call raises a Python exception inside the component; the instance keeps running."""
    report = []

    def expect(label, name, *args):
        try:
            call(name, *args)
            report.append("FAIL " + label + ": no exception")
        except (wit_dynamic.WitTypeError, wit_dynamic.WitNameError) as e:
            report.append("raised " + label + ": " + type(e).__name__ + ": " + str(e))

    expect("str for u8", "host#echo-u8", "a")
    expect("256 for u8", "host#echo-u8", 256)
    expect("missing field", "host#echo-point", {"x": 1})
    expect("arity", "host#echo-u8", 1, 2)
    expect("enum", "host#echo-colors", ["red", "purple"])
    expect("unknown", "host#echo-u9", 1)
    b = call("host#[constructor]blob", b"x")
    b.drop()
    expect("dropped handle", "host#[static]blob.merge", b, b)
    report.append("after: " + str(call("host#echo-u8", 9)))
    return report


@export("api#describe")
def describe():
    out = []
    for f in wit_dynamic.functions():
        params = ", ".join("%s: %s" % (p["name"], _type_text(p["type"])) for p in f["params"])
        out.append("%s %s(%s)%s" % (f["direction"], f["name"], params, "" if f["result"] is None else " -> " + _type_text(f["result"])))
    return out


def _type_text(t):
    if isinstance(t, str):
        return t
    if t["kind"] in ("list", "option"):
        return "%s<%s>" % (t["kind"], _type_text(t["type"]))
    if t["kind"] == "result":
        return "result<%s, %s>" % tuple("_" if x is None else _type_text(x) for x in (t["ok"], t["err"]))
    if t["kind"] == "tuple":
        return "tuple<%s>" % ", ".join(_type_text(x) for x in t["types"])
    if t["kind"] in ("own", "borrow"):
        return "%s<%s>" % (t["kind"], t["resource"])
    return t["name"]
