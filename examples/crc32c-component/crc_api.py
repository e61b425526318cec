"""crc32c's API whether the library is composed (a component the world imports) or linked (a C extension module).

The app imports this module only; which form it gets depends on the world the recipe builds.
"""
try:
    from wit_world.imports import checksum as _component
except ImportError:  # the world does not import `checksum`: crc32c is linked into the runtime
    _component = None

if _component is not None:
    FORM = "component"

    def crc32c(data: bytes, value: int = 0) -> int:
        return _component.crc32c(data, value)

    def noop() -> None:
        _component.noop()
else:
    from crc32c._crc32c import crc32c as _linked

    FORM = "linked"

    def crc32c(data: bytes, value: int = 0) -> int:
        return _linked(data, value)

    def noop() -> None:
        pass
