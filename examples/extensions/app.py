import sys

import crc32c
from markupsafe import Markup, escape

import wit_world

EXTENSIONS = ["markupsafe._speedups", "crc32c._crc32c"]


class WitWorld(wit_world.WitWorld):
    def render(self, title: str, items: list[str]) -> str:
        rows = Markup("").join(Markup("<li>%s</li>") % item for item in items)
        return str(Markup("<h1>%s</h1><ul>%s</ul>") % (title, rows))

    def checksum(self, data: bytes) -> int:
        return crc32c.crc32c(bytes(data))

    def native_modules(self) -> list[str]:
        return [name for name in EXTENSIONS if name in sys.builtin_module_names]
