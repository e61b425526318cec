#!/usr/bin/env bash
# A native dependency linked into the interpreter or composed as a component of its own: examples/crc32c-component
# built both ways (extensions = "linked" / "component"), then the per-call cost of crc32c as Python sees it, at 0 B,
# 64 B, 4 KiB and 64 KiB, with the cost of a no-op call of the same kind separated out (linked: a Python function
# doing nothing; composed: the dependency's `noop` import), in node/jco and on the JVM host (Chicory). Also the size
# of each form. Numbers are measured inside the component (a Python loop timed with perf_counter_ns).
# Usage: bench/dependencies.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-dependencies
rm -rf "$WORK" && mkdir -p "$WORK"
"$ROOT/pipeline" --version >/dev/null
cp -r "$ROOT/examples/crc32c-component/." "$WORK/app" && rm -rf "$WORK/app/build" "$WORK/app/vendor"
SRC=$(bash "$ROOT/scripts/fetch-extension-sources.sh" | tail -1)/src
mkdir -p "$WORK/app/vendor" && ln -sfn "$SRC/ICRAR-crc32c-6d3a422" "$WORK/app/vendor/ICRAR-crc32c-6d3a422"
for form in linked composed; do
  echo "building the $form form..." >&2
  "$ROOT/pipeline" run --explain "$WORK/app/recipe-$form.toml" 2> "$WORK/$form.log" || { cat "$WORK/$form.log" >&2; exit 1; }
done
LINKED=$WORK/app/build/linked.wasm COMPOSED=$WORK/app/build/composed.wasm
dep=$(sed -n 's/.*dependency component crc: \(.*\)/\1/p' "$WORK/composed.log")
cp "$ROOT/bench/dependencies-node.mjs" "$(dirname "$NM")/.bench-dependencies.mjs"
echo "node..." >&2
node_out=$(cd "$(dirname "$NM")" && node .bench-dependencies.mjs "$LINKED" "$COMPOSED")
rm -f "$(dirname "$NM")/.bench-dependencies.mjs"
echo "JVM..." >&2
jvm_out=$(java -cp "$ROOT/distro/target/pipeline/lib/*" "$ROOT/bench/DependencyBench.java" "$LINKED" "$COMPOSED" 2>&1) || jvm_out="jvm failed: $jvm_out"
printf '%s\n%s\n' "$node_out" "$jvm_out" > "$WORK/results.txt"
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
const v = {};
for (const l of lines) { const [host, form, size, ns] = l.split(" "); if (ns !== undefined) v[host + " " + form + " " + size] = Number(ns); }
const us = (x) => x === undefined || isNaN(x) ? "-" : (x / 1000).toFixed(2);
console.log("µs per call (inside the component)".padEnd(36) + "linked".padStart(10) + "composed".padStart(10) + "composed-noop".padStart(15));
for (const host of ["node", "jvm"]) {
  console.log(`${host}: no-op call`.padEnd(36) + us(v[host + " linked noop"]).padStart(10) + us(v[host + " composed noop"]).padStart(10));
  for (const n of ["0", "64", "4096", "65536"]) {
    const l = v[`${host} linked ${n}`], c = v[`${host} composed ${n}`], nc = v[`${host} composed noop`];
    console.log(`${host}: crc32c ${n} B`.padEnd(36) + us(l).padStart(10) + us(c).padStart(10) + us(c - nc).padStart(15));
  }
}
' "$WORK/results.txt"
grep "^jvm failed" "$WORK/results.txt" >&2 || true
printf 'size: linked component %s bytes, composed component %s bytes (dependency component %s)\n' \
  "$(stat -c %s "$LINKED")" "$(stat -c %s "$COMPOSED")" "$dep"
echo "(node $(node --version); machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
