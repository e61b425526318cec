"""wit_dynamic: a world's imports and exports by WIT name, with plain Python values (bindings = "dynamic").

Imports::

    import wit_dynamic
    wit_dynamic.call("log", "hello")                                      # a world-level function
    wit_dynamic.call("wasi:cli/environment@0.2.0#get-arguments")          # interface#function, in full
    wit_dynamic.call("environment#get-arguments")                         # the same, interface by its short name
    blob = wit_dynamic.call("host#[constructor]blob", b"x")               # resources: a Handle
    blob.call("read", 2); blob.drop()                                     # methods by WIT name, explicit drop

Exports::

    @wit_dynamic.export("greet")                  # or "api#greet", "test:pkg/api@0.1.0#greet"
    def greet(name): return "Hello, " + name

    @wit_dynamic.export("api#counter")            # an exported resource: a class; methods in snake_case
    class Counter:
        def __init__(self, start): ...
        def incr(self): ...

A world export without an implementation fails the build (pre-initialisation) naming it; without
pre-initialisation, the first call fails with the same message.

Values (WIT -> Python): bool, integers -> int (range-checked), f32/f64 -> float, char -> str of length 1,
string -> str, list<u8> -> bytes, list<T> -> list, tuple -> tuple, record -> dict keyed by the WIT field names
(kebab-case kept), variant -> (case, payload) with payload None for a case without one (a bare case name is
accepted too), enum -> the case name, flags -> set of flag names, option<T> -> None or the value
(option<option<T>>: None, Some(None), Some(v)), result -> ("ok", v) / ("err", e), imported resource -> Handle,
exported resource -> the app's object.

Values passed to call() are checked before anything is called: a wrong type raises WitTypeError (a TypeError
and a ValueError) naming the function and the parameter. functions() lists the world as plain data.
"""
from componentize_py_types import Some

from . import _world

try:
    import _pipeline_rt as _rt
except ImportError:  # outside a component (an IDE, a test): introspection works, calls do not
    _rt = None

__all__ = ["call", "export", "register", "functions", "Handle", "Some", "WitTypeError", "WitNameError"]


class WitTypeError(TypeError, ValueError):
    """A value that does not fit its WIT type; the message names the function and the parameter."""


class WitNameError(LookupError):
    """A WIT name the world does not have (or an ambiguous short name)."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


_PRIMS = {"bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string"}
_INT_RANGE = {
    "s8": (-(1 << 7), (1 << 7) - 1), "u8": (0, (1 << 8) - 1), "s16": (-(1 << 15), (1 << 15) - 1),
    "u16": (0, (1 << 16) - 1), "s32": (-(1 << 31), (1 << 31) - 1), "u32": (0, (1 << 32) - 1),
    "s64": (-(1 << 63), (1 << 63) - 1), "u64": (0, (1 << 64) - 1),
}


def _describe(t):
    """A type index as WIT-like text, for messages."""
    d = _world.TYPES[t]
    k = d[0]
    if k in _PRIMS:
        return k
    if k in ("list", "option"):
        return "%s<%s>" % (k, _describe(d[1]))
    if k == "result":
        return "result<%s, %s>" % ("_" if d[1] is None else _describe(d[1]), "_" if d[2] is None else _describe(d[2]))
    if k == "tuple":
        return "tuple<%s>" % ", ".join(_describe(x) for x in d[1])
    if k in ("own", "borrow"):
        return "%s<%s>" % (k, _world.RESOURCES[d[1]][0])
    return "%s %s" % (k, d[1])


def _fail(where, t, v, why=None):
    raise WitTypeError("%s: expected %s, got %s" % (where, why or _describe(t), _short_repr(v)))


def _short_repr(v):
    r = repr(v)
    return r if len(r) <= 60 else r[:57] + "..."


# --- checking values going out (import arguments, export results)

def _check(t, v, where):
    """Raises WitTypeError when v does not fit type t; `where` names the function, parameter and path."""
    d = _world.TYPES[t]
    k = d[0]
    if k in _INT_RANGE:
        if type(v) is not int and not (isinstance(v, int) and not isinstance(v, bool)):
            _fail(where, t, v, k + " (an int)")
        lo, hi = _INT_RANGE[k]
        if v < lo or v > hi:
            _fail(where, t, v, "%s (an int in %d..%d)" % (k, lo, hi))
    elif k == "string":
        if type(v) is not str:
            _fail(where, t, v, "string (a str)")
    elif k == "bool":
        if type(v) is not bool:
            _fail(where, t, v, "bool (True or False)")
    elif k in ("f32", "f64"):
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            _fail(where, t, v, k + " (a float)")
    elif k == "char":
        if type(v) is not str or len(v) != 1 or 0xD800 <= ord(v) <= 0xDFFF:
            _fail(where, t, v, "char (a str of one character, not a surrogate)")
    elif k == "list":
        e = d[1]
        if _world.TYPES[e][0] == "u8":
            if not isinstance(v, (bytes, bytearray, memoryview)):
                _fail(where, t, v, "list<u8> (bytes)")
            return
        if isinstance(v, (str, bytes, bytearray)) or not hasattr(v, "__len__") or not hasattr(v, "__iter__"):
            _fail(where, t, v, _describe(t) + " (a list)")
        for i, x in enumerate(v):
            _check(e, x, "%s[%d]" % (where, i))
    elif k == "record":
        if not isinstance(v, dict):
            _fail(where, t, v, "record %s (a dict)" % d[1])
        for name, ft in d[2]:
            if name not in v:
                raise WitTypeError("%s: record %s is missing field '%s'" % (where, d[1], name))
            _check(ft, v[name], "%s['%s']" % (where, name))
        if len(v) != len(d[2]):
            extra = sorted(str(x) for x in v if x not in {n for n, _ in d[2]})
            raise WitTypeError("%s: record %s has no field %s (fields: %s)"
                               % (where, d[1], ", ".join("'%s'" % x for x in extra), ", ".join(n for n, _ in d[2])))
    elif k == "tuple":
        items = d[1]
        if isinstance(v, (str, bytes)) or not hasattr(v, "__len__") or len(v) != len(items):
            _fail(where, t, v, "%s (a tuple of %d)" % (_describe(t), len(items)))
        for i, (it, x) in enumerate(zip(items, v)):
            _check(it, x, "%s[%d]" % (where, i))
    elif k == "variant":
        _check_case(t, d[1], d[2], v, where, "variant")
    elif k == "enum":
        if type(v) is not str or v not in d[2]:
            _fail(where, t, v, "enum %s (one of %s)" % (d[1], ", ".join(repr(c) for c in d[2])))
    elif k == "flags":
        if isinstance(v, (str, bytes)) or not hasattr(v, "__iter__"):
            _fail(where, t, v, "flags %s (a set of names)" % d[1])
        for x in v:
            if x not in d[2]:
                raise WitTypeError("%s: %s is not a flag of %s (flags: %s)" % (where, _short_repr(x), d[1], ", ".join(d[2])))
    elif k == "option":
        if v is None:
            return
        if _world.TYPES[d[1]][0] == "option":
            if not isinstance(v, Some):
                _fail(where, t, v, "%s (None or Some(...))" % _describe(t))
            _check(d[1], v.value, where + ".value")
        else:
            _check(d[1], v, where)
    elif k == "result":
        _check_case(t, "result", (("ok", d[1]), ("err", d[2])), v, where, "result")
    elif k in ("own", "borrow"):
        r = d[1]
        name, _, exported = _world.RESOURCES[r]
        if exported:
            cls = _exports.resources.get(r)
            if cls is not None and not isinstance(v, cls):
                _fail(where, t, v, "%s (an instance of %s)" % (_describe(t), cls.__name__))
        else:
            if not isinstance(v, Handle) or v.resource_index != r:
                _fail(where, t, v, "%s (a wit_dynamic.Handle of %s)" % (_describe(t), name))
            if v.handle is None:
                raise WitTypeError("%s: the %s handle was already dropped or moved" % (where, name))


def _check_case(t, name, cases, v, where, what):
    tag, payload = (v[0], v[1]) if isinstance(v, tuple) and len(v) == 2 else (v, None)
    for case, ct in cases:
        if tag == case:
            if ct is not None:
                _check(ct, payload, "%s[%r]" % (where, case))
            elif payload is not None:
                raise WitTypeError("%s: case '%s' of %s carries no payload, got %s" % (where, case, name, _short_repr(payload)))
            return
    _fail(where, t, v, "%s %s: a (case, payload) tuple with case one of %s"
          % (what, name, ", ".join(repr(c) for c, _ in cases)))


# --- handles coming in (import results, export arguments)

def _has_handles(t, memo={}):
    if t in memo:
        return memo[t]
    d = _world.TYPES[t]
    k = d[0]
    if k in ("own", "borrow"):
        r = not _world.RESOURCES[d[1]][2]
    elif k in ("list", "option"):
        r = _has_handles(d[1])
    elif k == "result":
        r = any(x is not None and _has_handles(x) for x in (d[1], d[2]))
    elif k == "tuple":
        r = any(_has_handles(x) for x in d[1])
    elif k == "record":
        r = any(_has_handles(x) for _, x in d[2])
    elif k == "variant":
        r = any(x is not None and _has_handles(x) for _, x in d[2])
    else:
        r = False
    memo[t] = r
    return r


def _wrap(t, v, borrowed=False):
    """Turns the runtime's int handles of imported resources inside v into Handle objects."""
    if v is None or not _has_handles(t):
        return v
    d = _world.TYPES[t]
    k = d[0]
    if k in ("own", "borrow"):
        return Handle(d[1], v, borrowed or k == "borrow")
    if k == "list":
        return [_wrap(d[1], x, borrowed) for x in v]
    if k == "option":
        if isinstance(v, Some):
            return Some(_wrap(d[1], v.value, borrowed))
        return _wrap(d[1], v, borrowed)
    if k == "tuple":
        return tuple(_wrap(x, y, borrowed) for x, y in zip(d[1], v))
    if k == "record":
        return {n: _wrap(ft, v[n], borrowed) for n, ft in d[2]}
    if k in ("variant", "result"):
        cases = d[2] if k == "variant" else (("ok", d[1]), ("err", d[2]))
        for case, ct in cases:
            if case == v[0]:
                return (v[0], None if ct is None else _wrap(ct, v[1], borrowed))
    return v


class Handle:
    """An imported resource: call its methods by WIT name, drop it when done (or use it in a `with` block)."""
    __slots__ = ("handle", "resource_index", "borrowed", "__weakref__")

    def __init__(self, resource_index, handle, borrowed=False):
        self.resource_index = resource_index
        self.handle = handle
        self.borrowed = borrowed

    @property
    def resource(self):
        """The resource's WIT name."""
        return _world.RESOURCES[self.resource_index][0]

    def call(self, method, *args):
        """Calls the resource's method `method` (its WIT name, e.g. "get-value") with this handle as self."""
        key = (self.resource_index, method)
        f = _imports.methods.get(key)
        if f is None:
            names = sorted(m for (r, m) in _imports.methods if r == self.resource_index)
            raise WitNameError("resource %s has no method %r (methods: %s)" % (self.resource, method, ", ".join(names) or "none"))
        return f.invoke((self,) + args)

    def drop(self):
        """Releases the resource now; later calls with this handle fail. Borrowed handles end with the call."""
        if self.handle is not None and not self.borrowed and _rt is not None:
            _rt.resource_drop(self.resource_index, self)
        elif self.borrowed:
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.drop()

    def __del__(self):
        try:
            self.drop()
        except Exception:
            pass

    def __repr__(self):
        return "<%s handle %s%s>" % (self.resource, self.handle, " (borrowed)" if self.borrowed else "")


# --- names

def _distance(a, b):
    """Levenshtein distance, for suggestions."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _short_key(key):
    """wasi:cli/environment@0.2.0 -> environment; a plain interface name stays as it is."""
    return key.rsplit("/", 1)[-1].split("@", 1)[0]


def _aliases(full, key, name):
    yield full
    if key is not None:
        if "@" in key:
            yield key.split("@", 1)[0] + "#" + name
        yield _short_key(key) + "#" + name


class _Names:
    """Full and short WIT names of functions (or resources) -> index; short names that clash are refused."""

    def __init__(self, what, entries):
        self.what = what
        self.full = []
        self.index = {}
        clashes = {}
        for i, (full, key, name) in enumerate(entries):
            self.full.append(full)
            for a in _aliases(full, key, name):
                if a in self.index and self.index[a] != i:
                    clashes.setdefault(a, {self.full[self.index[a]]}).add(full)
                self.index.setdefault(a, i)
        for a in clashes:
            del self.index[a]
        self.clashes = clashes

    def find(self, name):
        if type(name) is not str:
            raise WitNameError("%s names are str, got %s" % (self.what, _short_repr(name)))
        i = self.index.get(name)
        if i is not None:
            return i
        if name in self.clashes:
            raise WitNameError("%r is ambiguous: %s" % (name, ", ".join(sorted(self.clashes[name]))))
        tail = name.rsplit("#", 1)[-1]
        near = [f for f in self.full if _distance(f.rsplit("#", 1)[-1], tail) <= 2]
        listing = near or self.full[:12]
        raise WitNameError("the world has no %s named %r; %s: %s%s" % (
            self.what, name, "did you mean" if near else "it has", ", ".join(listing) or "none",
            "" if near or len(self.full) <= 12 else ", ..."))


# --- imports

class _Import:
    __slots__ = ("index", "name", "params", "result", "wrap_result")

    def __init__(self, index, entry):
        self.index = index
        self.name = entry[0]
        self.params = entry[5]
        self.result = entry[6]
        self.wrap_result = entry[6] is not None and _has_handles(entry[6])

    def invoke(self, args):
        params = self.params
        if len(args) != len(params):
            raise WitTypeError("%s takes %d argument%s (%s), got %d" % (
                self.name, len(params), "" if len(params) == 1 else "s", ", ".join(p for p, _ in params), len(args)))
        for (p, t), v in zip(params, args):
            _check(t, v, "%s: parameter '%s'" % (self.name, p))
        if _rt is None:
            raise RuntimeError("wit_dynamic.call works inside a component only")
        r = _rt.call_import(self.index, args)
        return _wrap(self.result, r) if self.wrap_result else r


class _Imports:
    def __init__(self):
        entries = _world.IMPORTS
        self.names = _Names("import", [(e[0], e[1], e[2]) for e in entries])
        self.functions = [_Import(i, e) for i, e in enumerate(entries)]
        self.methods = {}
        for f, e in zip(self.functions, entries):
            if e[3] == "method":
                self.methods[(e[4], e[2].split(".", 1)[1])] = f


_imports = _Imports()


def call(name, *args):
    """Calls the world import `name` (its WIT name, see the module docstring) with plain values."""
    return _imports.functions[_imports.names.find(name)].invoke(args)


# --- exports

def _snake(wit):
    s = wit.lstrip("%").replace("-", "_").lower()
    return s + "_" if s in _KEYWORDS else s


_KEYWORDS = {"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
             "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
             "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"}


def _method_name(entry):
    """The Python attribute of an exported resource's method or static function: snake_case of its WIT name."""
    return _snake(entry[2].split(".", 1)[1])


class _Registry:
    """The app's export implementations by WIT name; the runtime reaches exports through this object."""

    def __init__(self):
        entries = _world.EXPORTS
        self.functions = {}                       # export index -> callable
        self.resources = {}                       # resource index -> class
        self.names = _Names("export", [(e[0], e[1], e[2]) for e in entries if e[3] == "freestanding"])
        self.freestanding = [i for i, e in enumerate(entries) if e[3] == "freestanding"]
        res = [(i, r) for i, r in enumerate(_world.RESOURCES) if r[2]]
        self.resource_ids = [i for i, _ in res]
        self.resource_names = _Names("exported resource",
                                     [((r[1] + "#" + r[0]) if r[1] else r[0], r[1], r[0]) for _, r in res])

    def register(self, name, obj):
        r = self.resource_ids[self.resource_names.index[name]] if name in self.resource_names.index else None
        if r is not None:
            if not isinstance(obj, type):
                raise TypeError("export %r is a resource: register a class, got %s" % (name, _short_repr(obj)))
            self.resources[r] = obj
            self._install_methods(r, obj)
        else:
            if not callable(obj):
                raise TypeError("export %r: expected a function, got %s" % (name, _short_repr(obj)))
            self.functions[self.freestanding[self.names.find(name)]] = obj
        for attr in [a for a in self.__dict__ if a.startswith("export:")]:
            del self.__dict__[attr]

    def _install_methods(self, r, cls):
        for i, e in enumerate(_world.EXPORTS):
            if e[4] == r and e[3] == "method":
                setattr(cls, e[2], _method_wrapper(i, e, _method_name(e)))

    def missing(self):
        out = []
        for i in self.freestanding:
            if i not in self.functions:
                full = _world.EXPORTS[i][0]
                out.append("the world exports function `%s`, but the app registers no implementation: decorate a "
                           "function with @wit_dynamic.export(%r)" % (full, full))
        for r in self.resource_ids:
            name, key, _ = _world.RESOURCES[r]
            full = (key + "#" + name) if key else name
            cls = self.resources.get(r)
            if cls is None:
                out.append("the world exports resource `%s`, but the app registers no class for it: decorate a class "
                           "with @wit_dynamic.export(%r)" % (full, full))
                continue
            for e in _world.EXPORTS:
                if e[4] == r and e[3] in ("method", "static") and not hasattr(cls, _method_name(e)):
                    out.append("resource `%s`: class %s has no %s `%s` for `%s`" % (
                        full, cls.__name__, "method" if e[3] == "method" else "static method", _method_name(e), e[2]))
        return out

    @property
    def _checked(self):
        problems = self.missing()
        if problems:
            raise LookupError("wit_dynamic: " + "; ".join(problems))
        return self

    def __getattr__(self, attr):
        # "export:<full name>" for freestanding and static functions, "new:<resource index>" for constructors
        if attr.startswith("export:"):
            # kept as an instance attribute: the runtime looks the method up on every call
            w = self.__dict__[attr] = self._export_wrapper(attr[7:])
            return w
        if attr.startswith("new:"):
            r = int(attr[4:])
            cls = self.resources.get(r)
            if cls is None:
                raise AttributeError("no class registered for exported resource %s" % _world.RESOURCES[r][0])
            for i, e in enumerate(_world.EXPORTS):
                if e[4] == r and e[3] == "constructor":
                    return _function_wrapper(e, cls, "constructor of " + e[0])
            raise AttributeError("resource %s has no constructor" % _world.RESOURCES[r][0])
        raise AttributeError(attr)

    def _export_wrapper(self, full):
        for i, e in enumerate(_world.EXPORTS):
            if e[0] == full:
                if e[3] == "static":
                    cls = self.resources.get(e[4])
                    if cls is None:
                        break
                    return _function_wrapper(e, getattr(cls, _method_name(e)), full)
                impl = self.functions.get(i)
                if impl is None:
                    break
                return _function_wrapper(e, impl, full)
        raise LookupError("wit_dynamic: the world exports `%s`, but the app registers no implementation: "
                          "decorate a function with @wit_dynamic.export(%r)" % (full, full))


def _function_wrapper(entry, impl, label):
    params, result = entry[5], entry[6]
    wrap_args = [(i, t) for i, (_, t) in enumerate(params) if _has_handles(t)]
    where = "export %s returned a value that does not fit its result" % label

    def call_export(*args):
        if wrap_args:
            args = list(args)
            for i, t in wrap_args:
                args[i] = _wrap(t, args[i])
        r = impl(*args)
        if result is not None:
            _check(result, r, where)
        return r

    call_export.__name__ = getattr(impl, "__name__", "export")
    return call_export


def _method_wrapper(index, entry, attr):
    params, result = entry[5], entry[6]
    wrap_args = [(i, t) for i, (_, t) in enumerate(params) if i > 0 and _has_handles(t)]
    where = "export %s returned a value that does not fit its result" % entry[0]

    def call_method(self, *args):
        if wrap_args:
            args = list(args)
            for i, t in wrap_args:
                args[i - 1] = _wrap(t, args[i - 1])
        r = getattr(self, attr)(*args)
        if result is not None:
            _check(result, r, where)
        return r

    return call_method


_exports = _Registry()


def export(name):
    """Decorator: registers a function (or, for an exported resource, a class) as the world export `name`."""
    def register_it(obj):
        _exports.register(name, obj)
        return obj
    return register_it


def register(mapping):
    """Registers several exports at once: {WIT name: function or class}."""
    for name, obj in mapping.items():
        _exports.register(name, obj)


# --- introspection

def _plain(t, memo={}):
    if t is None:
        return None
    if t in memo:
        return memo[t]
    d = _world.TYPES[t]
    k = d[0]
    if k in _PRIMS:
        r = k
    elif k in ("list", "option"):
        r = {"kind": k, "type": _plain(d[1])}
    elif k == "result":
        r = {"kind": "result", "ok": _plain(d[1]), "err": _plain(d[2])}
    elif k == "tuple":
        r = {"kind": "tuple", "types": [_plain(x) for x in d[1]]}
    elif k == "record":
        r = {"kind": "record", "name": d[1], "fields": [{"name": n, "type": _plain(x)} for n, x in d[2]]}
    elif k == "variant":
        r = {"kind": "variant", "name": d[1], "cases": [{"name": n, "type": _plain(x)} for n, x in d[2]]}
    elif k in ("enum", "flags"):
        r = {"kind": k, "name": d[1], "cases" if k == "enum" else "flags": list(d[2])}
    else:
        r = {"kind": k, "resource": _world.RESOURCES[d[1]][0]}
    memo[t] = r
    return r


def functions(direction=None):
    """The world's functions as plain data: dicts with name, direction ("import"/"export"), interface, kind,
    resource, params [{name, type}] and result; a type is a primitive's name or a dict with its "kind"."""
    out = []
    for direction_name, entries in (("import", _world.IMPORTS), ("export", _world.EXPORTS)):
        if direction is not None and direction != direction_name:
            continue
        for e in entries:
            out.append({
                "name": e[0], "direction": direction_name, "interface": e[1], "kind": e[3],
                "resource": None if e[4] is None else _world.RESOURCES[e[4]][0],
                "params": [{"name": p, "type": _plain(t)} for p, t in e[5]],
                "result": _plain(e[6]),
            })
    return out
