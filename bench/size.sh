#!/usr/bin/env bash
# Component size, start-up and rebuild time against ComponentizeJS, in one run: for examples/hello, the kitchen-sink
# world (distro/src/test/resources/kitchen) and examples/cli, builds the component with this tree's pipeline (and,
# with BEFORE=<another source tree>, with that tree's too), builds the same world with ComponentizeJS
# (bench/componentize-js-hello.mjs), and prints per world: size, initial memory pages, instantiate, first call and
# per-call times in node (medians of RUNS fresh processes, bench/components.mjs), and the rebuild time after an
# edit of app.py with warm caches (median of RUNS edits), with the ratio of this tree to ComponentizeJS.
# Usage: bench/size.sh [RUNS] [WORLD...]      (RUNS default 3; worlds default: hello kitchen cli)
# Env:   BEFORE=/path/to/other/tree  a second pipeline source tree to compare with (its ./pipeline is run)
#        REBUILD_WORLDS="hello ..."  the worlds whose rebuild time is measured (default: all; others show 0)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}; shift || true
WORLDS=("$@"); (( ${#WORLDS[@]} )) || WORLDS=(hello kitchen cli)
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(dirname "$NM")/bench-size
rm -rf "$WORK" && mkdir -p "$WORK"
cp "$ROOT/bench/components.mjs" "$ROOT/bench/componentize-js-hello.mjs" "$WORK/"
declare -A SRC=([hello]=examples/hello [kitchen]=distro/src/test/resources/kitchen [cli]=examples/cli)
TREES=("after|$ROOT"); [[ -n "${BEFORE:-}" ]] && TREES=("before|$BEFORE" "${TREES[@]}")
REBUILD_WORLDS=" ${REBUILD_WORLDS:-${WORLDS[*]}} "
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
for t in "${TREES[@]}"; do "${t#*|}/pipeline" --version >/dev/null; done

declare -A ROW
FAILED=" "
for w in "${WORLDS[@]}"; do
  for t in "${TREES[@]}"; do
    label=${t%%|*}; tree=${t#*|}
    P=$WORK/$label-$w
    cp -r "$ROOT/${SRC[$w]}" "$P" && rm -rf "$P/build"
    out=$(sed -n 's/^output *= *"\(.*\)"/\1/p' "$P/recipe.toml")
    log "$w: $label: first build (warms the caches)"
    "$tree/pipeline" run -q "$P/recipe.toml"
    times=()
    if [[ "$REBUILD_WORLDS" == *" $w "* ]]; then
      for ((i = 1; i <= RUNS; i++)); do
        printf '\n# edit %s %s\n' "$i" "$(date +%s%N)" >> "$P/app.py"   # unique: no stage cache holds it
        t0=$(date +%s%N); "$tree/pipeline" run -q "$P/recipe.toml"; t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000000 )))
      done
    else
      times=(0)
    fi
    rebuild=$(printf '%s\n' "${times[@]}" | median)
    log "$w: $label: rebuilds ${times[*]} ms; node runs"
    line=$(cd "$WORK" && node components.mjs "${label}_$w" "$P/$out" "$RUNS" "$w" 2>/dev/null) \
      || { log "$w: $label: the component failed in node; $w is left out of the table"; FAILED+=" $w "; continue; }
    ROW[$w|$label]="$rebuild|$line"
    log "$w: $label: $line"
  done
  log "$w: ComponentizeJS build"
  t0=$(date +%s%N); (cd "$WORK" && PIPELINE_ROOT=$ROOT node componentize-js-hello.mjs "$WORK/cjs-$w.wasm" "$w" 2>/dev/null); t1=$(date +%s%N)
  ROW[$w|cjs]="$(( (t1 - t0) / 1000000 ))|$(cd "$WORK" && node components.mjs "cjs_$w" "$WORK/cjs-$w.wasm" "$RUNS" "$w")"
  log "$w: ComponentizeJS: ${ROW[$w|cjs]}"
done

echo
echo "load: $(uptime)"
for w in "${WORLDS[@]}"; do
  [[ "$FAILED" == *" $w "* ]] && { echo "world $w: a component failed in node (see the log above)"; continue; }
  args=()
  for t in "${TREES[@]}"; do args+=("${t%%|*}" "${ROW[$w|${t%%|*}]}"); done
  args+=("cjs" "${ROW[$w|cjs]}")
  node -e '
const [world, ...rest] = process.argv.slice(1);
const cols = [];
for (let i = 0; i < rest.length; i += 2) { const [build, json] = rest[i + 1].split(/\|(.*)/s); cols.push({ label: rest[i], build: Number(build), ...JSON.parse(json) }); }
const cjs = cols[cols.length - 1], after = cols.find(c => c.label === "after");
const rows = [
  ["component size (MiB)", c => c.bytes / 1048576, 2],
  ["initial memory (pages)", c => c.pages, 0],
  ["instantiate in node (ms)", c => c.instantiateMs, 1],
  ["first call (ms)", c => c.firstCallMs, 2],
  ["per call, small (µs)", c => c.callUs, 1],
  ["per call, string (µs)", c => c.stringCallUs, 1],
  ["rebuild after app.py edit (ms)", c => c.build, 0],
];
const head = ["world " + world].concat(cols.map(c => c.label === "cjs" ? "ComponentizeJS" : "pipeline " + c.label), ["after / CJS"]);
console.log("\n" + head[0].padEnd(32) + head.slice(1).map(h => h.padStart(16)).join(""));
for (const [name, f, d] of rows) {
  console.log(name.padEnd(32) + cols.map(c => f(c).toFixed(d).padStart(16)).join("") + (f(after) / f(cjs)).toFixed(2).padStart(16));
}' "$w" "${args[@]}"
done
echo "(medians of $RUNS; node $(node --version); ComponentizeJS rebuild = a full componentize() run, it has no cache;"
echo " pipeline rebuild = pipeline run after appending a comment to app.py, caches warm; $(nproc) cores)"
