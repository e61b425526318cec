"""Drives wit_dynamic outside a component: a fake _pipeline_rt records what would reach the runtime."""
import sys
import types

calls = []
dropped = []


def call_import(index, args):
    calls.append((index, tuple(args)))
    name = IMPORT_NAMES[index]
    if name.endswith("#echo-u8"):
        return args[0]
    if name.endswith("#blobs"):
        return [7, 8]
    if name.endswith("#[constructor]blob"):
        return 5
    if name.endswith("#[method]blob.read"):
        return b"ab"
    return None


def resource_drop(index, obj):
    dropped.append((index, obj.handle))
    obj.handle = None


sys.modules["_pipeline_rt"] = types.SimpleNamespace(call_import=call_import, resource_drop=resource_drop, MODE=1)
sys.modules["componentize_py_types"] = types.SimpleNamespace(Some=type("Some", (), {"__init__": lambda s, v: setattr(s, "value", v)}))
sys.path.insert(0, sys.argv[1])
import wit_dynamic  # noqa: E402
from wit_dynamic import _world  # noqa: E402

IMPORT_NAMES = [e[0] for e in _world.IMPORTS]
Some = wit_dynamic.Some


def err(fn, *args):
    try:
        fn(*args)
    except (wit_dynamic.WitTypeError, wit_dynamic.WitNameError, TypeError, LookupError) as e:
        return type(e).__name__ + ": " + str(e)
    return "no error"


# names: full, without version, short interface name
print("call full", wit_dynamic.call("test:dyn/types@0.1.0#echo-u8", 7))
print("call short", wit_dynamic.call("types#echo-u8", 255))
print("call nover", wit_dynamic.call("test:dyn/types#echo-u8", 0))
print("call world", wit_dynamic.call("log", "hi"))
print("unknown", err(wit_dynamic.call, "types#echo-u9", 1))
# type errors name the function and the parameter
print("str for u8", err(wit_dynamic.call, "types#echo-u8", "a"))
print("256 for u8", err(wit_dynamic.call, "types#echo-u8", 256))
print("bool for u8", err(wit_dynamic.call, "types#echo-u8", True))
print("arity", err(wit_dynamic.call, "types#echo-u8"))
print("missing field", err(wit_dynamic.call, "types#echo-point", {"x": 1}))
print("extra field", err(wit_dynamic.call, "types#echo-point", {"x": 1, "y": 2, "z": 3}))
print("field type", err(wit_dynamic.call, "types#echo-point", {"x": 1, "y": 2**31}))
good = (("rect", {"x": 1, "y": 2}), "red", {"read", "exec"}, Some(None), ("err", "blue"), ("é", 1.5), ["a"], b"\x00")
print("all good", err(wit_dynamic.call, "types#echo-all", *good))
for i, bad in enumerate([("square", 1.0), "purple", {"read", "nope"}, 7, ("ok", 3), ("ab", 1.0), "abc", [1, 2]]):
    args = list(good)
    args[i] = bad
    print("bad", i, err(wit_dynamic.call, "types#echo-all", *args))
print("payload on empty", err(wit_dynamic.call, "types#echo-all", ("empty", 1), *good[1:]))
print("bare case", err(wit_dynamic.call, "types#echo-all", "empty", *good[1:]))
# handles
blobs = wit_dynamic.call("types#blobs")
print("handles", blobs)
b = wit_dynamic.call("types#[constructor]blob", b"xy")
print("read", b.call("read", 2), calls[-1][1][0] is b)
print("no method", err(b.call, "write", 1))
print("wrong handle", err(wit_dynamic.call, "types#[static]blob.merge", b, "x"))
b.drop()
print("dropped", dropped, b.handle)
print("after drop", err(b.call, "read", 1))
# exports
print("missing", err(lambda: wit_dynamic._exports._checked))


@wit_dynamic.export("run")
def run():
    return 7


@wit_dynamic.export("api#echo-point")
def echo_point(p):
    return p


wit_dynamic.register({"test:dyn/api@0.1.0#divide": lambda a, b: ("ok", a // b) if b else ("err", "division by zero")})
print("unknown export", err(wit_dynamic.export("api#nope"), lambda: 0))
print("resource as function", err(wit_dynamic.export("api#counter"), lambda: 0))
print("still missing", err(lambda: wit_dynamic._exports._checked))


@wit_dynamic.export("api#counter")
class Counter:
    def __init__(self, start):
        self.n = start

    def incr(self, by):
        self.n += by
        return self.n


print("no static", err(lambda: wit_dynamic._exports._checked))
Counter.make = classmethod(lambda cls, x: cls(x))


@wit_dynamic.export("api#size")
def size(b):
    return b.handle


reg = wit_dynamic._exports._checked
print("checked", reg is wit_dynamic._exports)
print("run", getattr(reg, "export:run")())
print("divide", getattr(reg, "export:test:dyn/api@0.1.0#divide")(7, 0))
c = getattr(reg, "new:" + str([r[0] for r in _world.RESOURCES].index("counter")))(5)
print("counter", type(c).__name__, getattr(c, "[method]counter.incr")(2))
print("static", getattr(reg, "export:test:dyn/api@0.1.0#[static]counter.make")(3).n)
print("borrowed arg", getattr(reg, "export:test:dyn/api@0.1.0#size")(9))
wit_dynamic._exports.register("run", lambda: "x")
print("bad result", err(getattr(reg, "export:run")))
fs = {f["name"]: f for f in wit_dynamic.functions()}
print("functions", len(fs), fs["test:dyn/types@0.1.0#echo-point"])
print("export fn", fs["test:dyn/api@0.1.0#divide"]["result"], fs["run"]["direction"])
