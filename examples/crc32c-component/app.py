import time

import crc_api
import wit_world


class WitWorld(wit_world.WitWorld):
    def check(self, data: bytes, value: int) -> int:
        return crc_api.crc32c(bytes(data), value)

    def bench(self, data: bytes, calls: int, noop: bool) -> int:
        data = bytes(data)
        f = crc_api.noop if noop else crc_api.crc32c
        t0 = time.perf_counter_ns()
        if noop:
            for _ in range(calls):
                f()
        else:
            for _ in range(calls):
                f(data, 0)
        return time.perf_counter_ns() - t0
