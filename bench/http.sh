#!/usr/bin/env bash
# Benchmark of examples/http served by `jco serve` on 127.0.0.1: builds the component with pipeline, then sends
# ROUNDS rounds of CONCURRENCY concurrent requests per scenario (echo, outgoing request to a local upstream, 404)
# and prints requests/s and p50/p99 latency (bench/http.mjs). Every response is checked ("wrong" column).
# Usage: bench/http.sh [ROUNDS] [CONCURRENCY]        (defaults: 5 rounds of 200)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${1:-5}
CONCURRENCY=${2:-200}
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-http
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$ROOT/examples/http" "$WORK/app" && rm -rf "$WORK/app/build"
bash "$WORK/app/vendor-wit.sh" "$WORK/app/wit/deps" >/dev/null
cp "$ROOT/bench/http.mjs" "$WORK/"
t0=$(date +%s%N); "$ROOT/pipeline" run -q "$WORK/app/recipe.toml"; t1=$(date +%s%N)
echo "built $(du -k "$WORK/app/build/http.wasm" | cut -f1) KiB in $(( (t1 - t0) / 1000000 )) ms" >&2
(cd "$WORK" && node http.mjs "$WORK/app/build/http.wasm" "$NM/@bytecodealliance/jco/dist/jco.js" "$ROUNDS" "$CONCURRENCY")
echo "(jco serve: one component instance, requests handled one at a time; $ROUNDS rounds of $CONCURRENCY concurrent requests after a warm-up round; machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
