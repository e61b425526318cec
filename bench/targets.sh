#!/usr/bin/env bash
# Benchmark of the two runtime targets: builds examples/hello with target = "wasip1" (the default) and
# target = "wasip2" (CPython for wasm32-wasip2 on wasi:sockets), then prints a table: build time, component size,
# initial memory pages, instantiate, first-call and per-call times in node (medians over RUNS fresh processes).
# Usage: bench/targets.sh [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-targets
rm -rf "$WORK" && mkdir -p "$WORK"
cp "$ROOT/bench/components.mjs" "$WORK/"
"$ROOT/pipeline" --version >/dev/null
results=()
for target in wasip1 wasip2; do
  P=$WORK/hello-$target
  cp -r "$ROOT/examples/hello" "$P" && rm -rf "$P/build"
  sed -i "/^\[app\]/a target = \"$target\"" "$P/recipe.toml"
  "$ROOT/pipeline" run -q "$P/recipe.toml"            # warm the caches of the stages before this one
  t0=$(date +%s%N); "$ROOT/pipeline" run -q --no-cache "$P/recipe.toml"; t1=$(date +%s%N)
  build=$(( (t1 - t0) / 1000000 ))
  line=$(cd "$WORK" && node components.mjs "hello_$target" "$P/build/hello.wasm" "$RUNS")
  results+=("$target|$build|$line")
done
printf '\n%-10s %10s %10s %7s %14s %14s %10s\n' "target" "build ms" "size KiB" "pages" "instantiate ms" "first call ms" "call us"
for r in "${results[@]}"; do
  IFS='|' read -r label build json <<< "$r"
  node -e "const j=JSON.parse(process.argv[1]); console.log(process.argv[2].padEnd(10), process.argv[3].padStart(10), (j.bytes/1024).toFixed(0).padStart(10), String(j.pages).padStart(7), j.instantiateMs.toFixed(1).padStart(14), j.firstCallMs.toFixed(2).padStart(14), j.callUs.toFixed(1).padStart(10))" "$json" "$label" "$build"
done
echo "(medians of $RUNS runs; build = pipeline run --no-cache, all stages; machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
