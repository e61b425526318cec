#!/usr/bin/env bash
# Per-call cost of dynamic bindings against static ones: one world (bench/dynamic/wit) built twice, once with
# bindings = "static" and once with bindings = "dynamic"; node calls the exports (echo of a u8, a string, a
# record) and the app calls the same host imports in a loop. Prints µs per call (median of 5 timed loops).
# Usage: bench/dynamic.sh [N]   (N calls per loop, default 20000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-20000}
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-dynamic
rm -rf "$WORK" && mkdir -p "$WORK"
cp "$ROOT/bench/dynamic/calls.mjs" "$WORK/"
"$ROOT/pipeline" --version >/dev/null
declare -A result
for mode in static dynamic; do
  P=$WORK/$mode
  mkdir -p "$P" && cp -r "$ROOT/bench/dynamic/wit" "$P/" && cp "$ROOT/bench/dynamic/${mode}_app.py" "$P/app.py"
  printf '[app]\nmodule = "app"\nwit = "wit"\nworld = "calls"\noutput = "build/calls.wasm"\n[pipeline]\nbindings = "%s"\ninit = "none"\n' \
    "$mode" > "$P/recipe.toml"
  "$ROOT/pipeline" run -q "$P/recipe.toml"
  result[$mode]=$(cd "$WORK" && node calls.mjs "calls_$mode" "$P/build/calls.wasm" "$N" | tail -1)
done
node -e '
const s = JSON.parse(process.argv[1]), d = JSON.parse(process.argv[2]);
const rows = [["export echo u8", "exportU8"], ["export echo string", "exportString"], ["export echo record", "exportPoint"],
              ["import echo u8", "importU8"], ["import echo string", "importString"], ["import echo record", "importPoint"]];
console.log("call (µs per call)".padEnd(24) + "static".padStart(10) + "dynamic".padStart(10) + "ratio".padStart(8));
for (const [label, k] of rows) console.log(label.padEnd(24) + s[k].toFixed(2).padStart(10) + d[k].toFixed(2).padStart(10) + (d[k] / s[k]).toFixed(2).padStart(8));
' "${result[static]}" "${result[dynamic]}"
echo "(node $(node --version), $N calls per loop, median of 5 loops; machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
