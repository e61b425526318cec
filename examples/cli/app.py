import argparse
import json
import re
import statistics
import textwrap

import wit_world


class WitWorld(wit_world.WitWorld):
    def run(self, args: list[str]) -> int:
        parser = argparse.ArgumentParser(prog="cli", description="Summarises numbers given as JSON.")
        parser.add_argument("data", help="a JSON list of numbers")
        parser.add_argument("--width", type=int, default=40)
        try:
            ns = parser.parse_args(args)
        except SystemExit as e:
            return int(e.code or 0)
        numbers = [float(x) for x in json.loads(ns.data) if re.fullmatch(r"-?\d+(\.\d+)?", str(x))]
        report = f"count={len(numbers)} mean={statistics.mean(numbers):.3f} median={statistics.median(numbers):.3f}"
        print(textwrap.fill(report, width=ns.width))
        return 0
