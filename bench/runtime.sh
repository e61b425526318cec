#!/usr/bin/env bash
# Benchmarks the pipeline runtime: stripped module size and pipeline_init time (CPython initialisation plus
# importing a minimal app from the module image) under Chicory's interpreter, Chicory's runtime compiler and
# Node's WASI. Prints a table of medians.
#
# Usage: bench/runtime.sh [RUNS]      (default 5; the Chicory interpreter runs min(RUNS, 3) times)
# Env:   PIPELINE_KIT / PIPELINE_RUNTIME to use a given kit / runtime folder; JAVA_OPTS for the JVM.
set -euo pipefail
RUNS=${1:-5}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KIT=${PIPELINE_KIT:-$(bash "$ROOT/distro/runtime/build-kit.sh" 2>/dev/null | tail -1)}
RUNTIME=${PIPELINE_RUNTIME:-$(PIPELINE_KIT=$KIT bash "$ROOT/distro/runtime/link-runtime.sh" 2>/dev/null | tail -1)}
WASM=$RUNTIME/runtime.wasm
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/app"
echo 'import sys' > "$WORK/app/bench_app.py"
"$KIT/native/bin/python3.13" "$ROOT/distro/runtime/mkimage.py" --root "$WORK/app" --root "$KIT/stdlib/python3.13" \
  --module 'encodings.*' --closure --app bench_app --out "$WORK/bench.plim" 2>/dev/null

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
json_field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

echo "building the Chicory classpath..." >&2
(cd "$ROOT" && mvn -q -B -o -pl host -am compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >&2)
CP=$ROOT/host/target/classes:$(cat "$WORK/cp.txt")

echo "node ($RUNS runs)..." >&2
node_init=(); node_compile=()
for ((i = 0; i < RUNS; i++)); do
  line=$(node --no-turbo-fast-api-calls --stack-size=7600 --no-warnings "$ROOT/bench/runtime-node.mjs" "$WASM" "$WORK/bench.plim")
  node_init+=("$(json_field initMs <<< "$line")"); node_compile+=("$(json_field compileMs <<< "$line")")
done

chicory() { java ${JAVA_OPTS:-} -cp "$CP" "$ROOT/bench/RuntimeInitBench.java" "$WASM" "$WORK/bench.plim" "$@"; }
echo "chicory interpreter..." >&2
interp=$(chicory INTERPRETER $(( RUNS < 3 ? RUNS : 3 )))
echo "chicory compiler..." >&2
compiled=$(chicory COMPILER "$RUNS")
echo "chicory compiler, classes from a warm cache..." >&2
chicory COMPILER 1 "$WORK/classes" > /dev/null
cached=$(chicory COMPILER "$RUNS" "$WORK/classes")

echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
printf '\n%-44s %s\n' "runtime.wasm (stripped)" "$(stat -c %s "$WASM") bytes"
printf '%-44s %s\n' "runtime.debug.wasm (unstripped)" "$(stat -c %s "$RUNTIME/runtime.debug.wasm") bytes"
printf '%-44s %s\n' "module image (minimal app + closure)" "$(stat -c %s "$WORK/bench.plim") bytes"
printf '\n%-44s %12s %14s\n' "engine" "prepare ms" "init median ms"
printf '%-44s %12s %14s\n' "node $(node --version) WASI (compile / init)" \
  "$(printf '%s\n' "${node_compile[@]}" | median)" "$(printf '%s\n' "${node_init[@]}" | median)"
printf '%-44s %12s %14s\n' "Chicory 1.7.5 interpreter" "$(json_field loadMs <<< "$interp")" "$(json_field initMedianMs <<< "$interp")"
printf '%-44s %12s %14s\n' "Chicory 1.7.5 runtime compiler (compile)" "$(json_field loadMs <<< "$compiled")" "$(json_field initMedianMs <<< "$compiled")"
printf '%-44s %12s %14s\n' "Chicory 1.7.5 compiler, cached classes (load)" "$(json_field loadMs <<< "$cached")" "$(json_field initMedianMs <<< "$cached")"
echo
echo "raw: $interp" 
echo "raw: $compiled"
echo "raw: $cached"
echo "raw node init ms: ${node_init[*]}"
