#!/usr/bin/env bash
# Installs the npm packages the tests use (jco, preview2-shim) into a cache folder keyed by package.json,
# and prints that folder's node_modules path on the last line. Idempotent; offline when cached.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
KEY=$( (cat "$HERE/node/package.json"; cat "$HERE/node/package-lock.json" 2>/dev/null || true) | sha256sum | cut -c1-16)
DIR=$CACHE/node/$KEY
if [[ ! -f "$DIR/.complete" ]]; then
  command -v node >/dev/null || { echo "[node] installing nodejs and npm (apt)" >&2; apt-get -o DPkg::Lock::Timeout=600 update >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2; }
  echo "[node] installing jco and preview2-shim into $DIR" >&2
  rm -rf "$DIR.tmp" && mkdir -p "$DIR.tmp"
  cp "$HERE/node/package.json" "$DIR.tmp/"
  if [[ -f "$HERE/node/package-lock.json" ]]; then cp "$HERE/node/package-lock.json" "$DIR.tmp/"; fi
  (cd "$DIR.tmp" && npm install --no-audit --no-fund --loglevel=error >&2)
  touch "$DIR.tmp/.complete"
  rm -rf "$DIR" && mv "$DIR.tmp" "$DIR"
fi
echo "$DIR/node_modules"
