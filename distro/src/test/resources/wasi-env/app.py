import os
import sys
import time

import wit_world
from componentize_py_types import Err


class WitWorld(wit_world.WitWorld):
    def env_var(self, name: str) -> str | None:
        return os.environ.get(name)

    def read_text(self, path: str) -> str:
        try:
            with open(path, encoding="utf-8") as f:
                return f.read()
        except OSError as e:
            raise Err(f"{type(e).__name__}: {e.strerror}")

    def write_text(self, path: str, text: str) -> None:
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            raise Err(f"{type(e).__name__}: {e.strerror}")

    def say(self, text: str) -> None:
        print(text)
        sys.stdout.flush()

    def read_stdin(self) -> str:
        return sys.stdin.read()

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000

    def random_bytes(self, n: int) -> bytes:
        return os.urandom(n)
