"""A user-defined scoring function: the Java program in this folder calls it once per row."""
import math

import wit_world

COUNTRY_WEIGHT = {"FR": 1.10, "DE": 1.00, "US": 1.30, "JP": 1.20}


class WitWorld(wit_world.WitWorld):
    def score(self, row) -> float:
        base = math.log1p(row.income) * COUNTRY_WEIGHT.get(row.country, 0.90)
        return base + 0.5 * row.clicks - 0.01 * abs(row.age - 35)
