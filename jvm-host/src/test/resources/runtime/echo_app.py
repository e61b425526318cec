"""Test app for the runtime: echo/show exports over every WIT type kind, imports, resources, errors."""
import dataclasses
import decimal
import json
import random
import re
import sqlite3
import sys
import zlib
from dataclasses import dataclass
from enum import Enum, Flag, auto
from typing import Union

import _pipeline_rt
from componentize_py_types import Err, Ok, Some

IMPORT_ADD, IMPORT_GREET, IMPORT_SUM17, IMPORT_CHECK, IMPORT_BLOB_NEW, IMPORT_BLOB_SIZE, IMPORT_MOVE_POINT = range(7)
BLOB_RESOURCE = 1


@dataclass
class Point:
    x: int
    y: float
    label: str


@dataclass
class Shape_Circle:
    value: float


@dataclass
class Shape_Named:
    value: str


@dataclass
class Shape_Empty:
    pass


@dataclass
class Shape_Big:
    value: int


Shape = Union[Shape_Circle, Shape_Named, Shape_Empty, Shape_Big]


class Color(Enum):
    RED = 0
    GREEN = 1
    BLUE = 2


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


class Counter:
    """An exported resource."""

    def __init__(self, start):
        self.value = start

    def incr(self):
        self.value += 1
        return self.value

    @classmethod
    def make(cls, n):
        return cls(n * 10)


class Blob:
    """An imported resource: the object carries the host's handle."""

    def __init__(self, size):
        made = _pipeline_rt.call_import(IMPORT_BLOB_NEW, [size])
        self.handle = made.handle
        made.handle = None

    def size(self):
        return _pipeline_rt.call_import(IMPORT_BLOB_SIZE, [self])


class WitWorld:
    def echo(self, v):
        return v

    def show(self, v):
        return repr(v)

    def join17(self, *values):
        return "|".join(str(v) for v in values)

    def divide(self, a, b):
        if b == 0:
            raise Err("division by zero")
        return a // b

    def boom(self):
        raise ValueError("this export always fails")

    def bad_return(self):
        return "not a number"

    def consume_counter(self, counter):
        return counter.value

    def use_blob(self):
        blob = Blob(1234)
        size = blob.size()
        _pipeline_rt.resource_drop(BLOB_RESOURCE, blob)
        return size

    def random_bits(self):
        return random.getrandbits(64)

    def recurse(self, n):
        sys.setrecursionlimit(max(1000, n + 100))
        def down(k):
            return 0 if k == 0 else 1 + down(k - 1)
        return down(n)

    def deep_json(self, n):
        value = json.loads("[" * n + "]" * n)
        depth = 0
        while value:
            value = value[0]
            depth += 1
        return depth + 1

    def stdlib_check(self):
        data = json.loads(json.dumps({"k": [1, 2.5, "ü"]}))
        pairs = re.findall(r"(\w+)=(\d+)", "a=1 b=22 c=333")
        seventh = decimal.Decimal(1) / decimal.Decimal(7)
        zipped = zlib.decompress(zlib.compress(b"x" * 1000)) == b"x" * 1000
        con = sqlite3.connect(":memory:")
        con.execute("create table t(a)")
        con.executemany("insert into t values (?)", [(i,) for i in range(10)])
        total = con.execute("select sum(a) from t").fetchone()[0]
        fields = dataclasses.asdict(Point(1, 2.0, "p"))
        return json.dumps({"json": data, "re": pairs, "decimal": str(seventh), "zlib": zipped,
                           "sqlite": total, "dataclass": fields}, sort_keys=True, ensure_ascii=False)

    def call_imports(self):
        rt = _pipeline_rt
        out = [rt.call_import(IMPORT_ADD, [40, 2]),
               rt.call_import(IMPORT_GREET, ["wörld"]),
               rt.call_import(IMPORT_SUM17, [i * 1_000_000_000_000 for i in range(17)]),
               rt.call_import(IMPORT_CHECK, [10])]
        try:
            rt.call_import(IMPORT_CHECK, [7])
            out.append("no error")
        except Err as e:
            out.append("err:" + e.value)
        out.append(repr(rt.call_import(IMPORT_MOVE_POINT, [Point(1, 0.5, "pt")])))
        return json.dumps(out, ensure_ascii=False)
