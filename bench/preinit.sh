#!/usr/bin/env bash
# Benchmark of pre-initialisation (issue: pre-init on the JVM): builds examples/hello with init = "chicory" and
# init = "none", and ComponentizeJS's hello for reference, then prints a table: build time, component size,
# initial memory pages, instantiate and first-call times in node (medians over RUNS fresh processes).
# Usage: bench/preinit.sh [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-work
rm -rf "$WORK" && mkdir -p "$WORK"
cp "$ROOT/bench/components.mjs" "$ROOT/bench/componentize-js-hello.mjs" "$WORK/"
"$ROOT/pipeline" --version >/dev/null
results=()
for init in chicory none; do
  P=$WORK/hello-$init
  cp -r "$ROOT/examples/hello" "$P" && rm -rf "$P/build"
  printf '\n[pipeline]\ninit = "%s"\n' "$init" >> "$P/recipe.toml"
  "$ROOT/pipeline" run -q "$P/recipe.toml"            # warm the caches of the stages before this one
  t0=$(date +%s%N); "$ROOT/pipeline" run -q --no-cache "$P/recipe.toml"; t1=$(date +%s%N)
  build=$(( (t1 - t0) / 1000000 ))
  line=$(cd "$WORK" && node components.mjs "hello_$init" "$P/build/hello.wasm" "$RUNS")
  results+=("pipeline init=$init|$build|$line")
done
t0=$(date +%s%N); (cd "$WORK" && node componentize-js-hello.mjs "$WORK/cjs-hello.wasm" 2>/dev/null); t1=$(date +%s%N)
line=$(cd "$WORK" && node components.mjs hello_cjs "$WORK/cjs-hello.wasm" "$RUNS")
results+=("ComponentizeJS|$(( (t1 - t0) / 1000000 ))|$line")
printf '\n%-22s %10s %10s %7s %14s %14s %10s\n' "hello" "build ms" "size KiB" "pages" "instantiate ms" "first call ms" "call us"
for r in "${results[@]}"; do
  IFS='|' read -r label build json <<< "$r"
  node -e "const j=JSON.parse(process.argv[1]); console.log(process.argv[2].padEnd(22), process.argv[3].padStart(10), (j.bytes/1024).toFixed(0).padStart(10), String(j.pages).padStart(7), j.instantiateMs.toFixed(1).padStart(14), j.firstCallMs.toFixed(2).padStart(14), j.callUs.toFixed(1).padStart(10))" "$json" "$label" "$build"
done
echo "(medians of $RUNS runs; build = pipeline run --no-cache, all stages; machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
