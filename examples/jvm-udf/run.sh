#!/usr/bin/env bash
# Builds the scoring component and runs ScoreRows.java against it: ./run.sh [ROWS] (default 1,000,000).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
"$ROOT/pipeline" run "$HERE/recipe.toml"
exec java -cp "$ROOT/distro/target/pipeline/lib/*" "$HERE/ScoreRows.java" "$HERE/build/scoring.wasm" "${1:-1000000}"
