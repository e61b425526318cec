import gc

from wit_world import exports
from wit_world.imports import host_res
import things


class Things(exports.Things):
    def live_things(self) -> int:
        gc.collect()
        return len(things.LIVE)

    def use_counters(self) -> list[int]:
        seen = []
        a = host_res.Counter(10)
        a.incr()
        seen.append(host_res.live_counters())            # 1: a
        with host_res.Counter.make(5) as b:
            seen.append(host_res.live_counters())        # 2: a, b
            merged = host_res.Counter.merge(a, host_res.Counter(1))
            seen.append(merged.value())                  # 11 + 1 = 12
        seen.append(host_res.live_counters())            # b dropped by `with`; the owned argument moved: a, merged
        del a
        gc.collect()
        seen.append(host_res.live_counters())            # a collected: merged
        merged.drop()
        seen.append(host_res.live_counters())            # 0
        return seen
