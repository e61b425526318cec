"""Echoes for bench/jvm-host.sh: the cost of one call with a u8 and with a 1 KiB string."""
import wit_world


class WitWorld(wit_world.WitWorld):
    def echo_u8(self, x: int) -> int:
        return x

    def echo_string(self, s: str) -> str:
        return s
