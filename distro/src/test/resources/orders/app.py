"""A shop with records and results: the app `pipeline call` is tested on."""
import wit_world
from componentize_py_types import Err
from wit_world import exports


class Shop(exports.Shop):
    def total(self, items, discount) -> int:
        if not items:
            raise Err("no items")
        cents = sum(i.price_cents for i in items)
        kind = type(discount).__name__.rsplit("_", 1)[-1].lower()
        if kind == "percent":
            cents = cents * (100 - discount.value) // 100
        elif kind == "fixed":
            cents = max(0, cents - discount.value)
        wit_world.log(f"total of {len(items)} items: {cents}")
        return cents

    def cheapest(self, items):
        return min(items, key=lambda i: i.price_cents) if items else None

    def describe(self, size, options) -> str:
        chosen = sorted(f.name.lower() for f in type(options) if f in options)
        return f"{size.name.lower()} {'+'.join(chosen) or 'plain'}"

    def convert(self, cents: int, currency: str) -> float:
        return cents / 100 * wit_world.rate(currency)

    def explode(self, message: str) -> int:
        raise ValueError(message)
