#!/usr/bin/env bash
# Benchmark of the packaging strategies: for examples/hello and examples/cli, builds the component with
# packaging = "freeze" (bytecode, stdlib trimmed by the import DAG), "source" (app as .py), and "freeze" with the
# whole stdlib, all without pre-initialisation, and prints the component size, the module image size and the size
# of the import DAG. Usage: bench/packaging.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pipeline-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$ROOT/pipeline" --version >/dev/null
printf '%-8s %-22s %12s %12s %10s %10s\n' "app" "packaging" "component KiB" "image KiB" "modules" "stdlib"
for app in hello cli; do
  for variant in "freeze|" "source|" "freeze|stdlib = \"all\""; do
    IFS='|' read -r packaging extra <<< "$variant"
    P=$WORK/$app-$packaging-${#extra}
    cp -r "$ROOT/examples/$app" "$P" && rm -rf "$P/build"
    printf '\n[pipeline]\npackaging = "%s"\ninit = "none"\n[stages.packaging]\n%s\n' "$packaging" "$extra" >> "$P/recipe.toml"
    log=$("$ROOT/pipeline" run "$P/recipe.toml" 2>&1)
    line=$(grep -E "modules \(" <<< "$log" | head -1)
    modules=$(sed -E 's/^ *([0-9]+) modules.*/\1/' <<< "$line")
    stdlib=$(sed -E 's/.*\(([0-9]+) from the stdlib\).*/\1/' <<< "$line")
    image=$(sed -E 's/.*image ([0-9.]+) KiB.*/\1/' <<< "$line")
    size=$(( $(stat -c %s "$P/build/$app.wasm") / 1024 ))
    label="$packaging${extra:+ (whole stdlib)}"
    printf '%-8s %-22s %12s %12s %10s %10s\n' "$app" "$label" "$size" "$image" "$modules" "$stdlib"
  done
done
