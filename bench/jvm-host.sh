#!/usr/bin/env bash
# The same component (bench/echo: echo-u8 and echo-string) on the JVM host (Chicory compiler) and in node/jco:
# load, instantiate, first call, and per-call cost of a u8 echo and a 1 KiB string echo. Prints a table.
#
# Usage: bench/jvm-host.sh [CALLS]     (default 20000 calls per measurement)
# Needs: the distribution (./pipeline builds it), node with jco (scripts/setup-node.sh installs it).
set -euo pipefail
CALLS=${1:-20000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/bench/echo" "$WORK/echo"
echo "building bench/echo..." >&2
"$ROOT/pipeline" run -q "$WORK/echo/recipe.toml" >&2
WASM=$WORK/echo/build/echo.wasm
LIB=$ROOT/distro/target/pipeline/lib

json_field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
echo "JVM: warming the compiled-class cache..." >&2
java -cp "$LIB/*" "$ROOT/bench/JvmHostBench.java" "$WASM" 100 > /dev/null
echo "JVM ($CALLS calls)..." >&2
jvm=$(java -cp "$LIB/*" "$ROOT/bench/JvmHostBench.java" "$WASM" "$CALLS")
NODE_MODULES=${PIPELINE_NODE_MODULES:-$(bash "$ROOT/scripts/setup-node.sh" | tail -1)}
echo "node ($CALLS calls)..." >&2
cp "$ROOT/bench/jvm-host-node.mjs" "$(dirname "$NODE_MODULES")/.bench-jvm-host.mjs"
node_line=$(cd "$(dirname "$NODE_MODULES")" && node .bench-jvm-host.mjs "$WASM" "$CALLS")
rm -f "$(dirname "$NODE_MODULES")/.bench-jvm-host.mjs"; rm -rf "$(dirname "$NODE_MODULES")/bench-out/echo"

num() { [[ "$1" == "-" || -z "$1" ]] && echo "-" || printf '%.2f' "$1"; }
row() { printf '%-36s %14s %14s\n' "$1" "$(num "$2")" "$(num "$3")"; }
printf '%-36s %14s %14s\n' "echo component ($(( $(stat -c %s "$WASM") / 1024 )) KiB)" "JVM (compiler)" "node/jco"
row "load (ms)" "$(json_field loadMs <<< "$jvm")" "$(json_field loadMs <<< "$node_line")"
row "instantiate (ms)" "$(json_field instantiateMs <<< "$jvm")" "$(json_field instantiateMs <<< "$node_line")"
row "first call (ms)" "$(json_field firstCallMs <<< "$jvm")" "$(json_field firstCallMs <<< "$node_line")"
row "echo-u8 per call (µs)" "$(json_field u8Us <<< "$jvm")" "$(json_field u8Us <<< "$node_line")"
row "echo-string 1 KiB per call (µs)" "$(json_field stringUs <<< "$jvm")" "$(json_field stringUs <<< "$node_line")"
row "… caller thread: echo-u8 (µs)" "$(json_field u8CallerUs <<< "$jvm")" "-"
row "… caller thread: 1 KiB string (µs)" "$(json_field stringCallerUs <<< "$jvm")" "-"
row "instantiate + first call (ms)" "$(json_field instancePlusCallMs <<< "$jvm")" "-"
echo "load: JVM = decode + world + parse + compiled classes from the cache; node = compile the core modules"
