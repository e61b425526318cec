#!/usr/bin/env bash
# Puts the WASI WIT packages the proxy world needs into wit/deps/ (or the folder given), taken from jco's npm
# package (installed by scripts/setup-node.sh into the cache folder). jco ships WASI 0.2.12; the packages are
# written as version 0.2.0, the version componentize-py's http example names, which jco serves the same way.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARGET=${1:-$HERE/wit/deps}
NM=${PIPELINE_NODE_MODULES:-$(bash "$ROOT/scripts/setup-node.sh" | tail -1)}
SRC=$NM/@bytecodealliance/jco/lib/wit/builtin/0.2.12
[[ -d "$SRC" ]] || { echo "vendor-wit: $SRC not found (jco's WASI WIT)" >&2; exit 1; }
for pkg in cli clocks filesystem http io random sockets; do
  mkdir -p "$TARGET/$pkg"
  for f in "$SRC/wasi-$pkg"/*.wit; do
    sed 's/@0\.2\.12/@0.2.0/g' "$f" > "$TARGET/$pkg/$(basename "$f")"
  done
done
echo "$TARGET"
