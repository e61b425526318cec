#!/usr/bin/env bash
# Fetches the WASI preview1 -> preview2 adapter (wasi_snapshot_preview1.reactor.wasm) from the jco package on the
# npm registry into $PIPELINE_CACHE/adapter/<version>/, verifies its checksum, and prints that folder on the last
# line. Instant when cached.
set -euo pipefail
JCO_VERSION=1.35.0
SHA256=b857310c4753c8fafaa0f890e9ccf978dc3d9dbe8804b1125291a627485041d0
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
OUT=$CACHE/adapter/jco-$JCO_VERSION
if [[ -f "$OUT/wasi_snapshot_preview1.reactor.wasm" ]]; then echo "$OUT"; exit 0; fi
command -v npm >/dev/null || { echo "[adapter] installing nodejs and npm (apt)" >&2; apt-get -o DPkg::Lock::Timeout=600 update >&2;
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2; }
echo "[adapter] fetching @bytecodealliance/jco@$JCO_VERSION from the npm registry" >&2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/adapter.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "@bytecodealliance/jco@$JCO_VERSION" >/dev/null)
tar -xzf "$TMP"/*.tgz -C "$TMP" package/lib/wasi_snapshot_preview1.reactor.wasm
got=$(sha256sum "$TMP/package/lib/wasi_snapshot_preview1.reactor.wasm" | cut -d' ' -f1)
if [[ "$got" != "$SHA256" ]]; then echo "[adapter] checksum mismatch: $got" >&2; exit 1; fi
# builds running side by side may fetch at once: each fills its own folder and renames it into place; the first
# rename wins, the others keep theirs away (never delete a folder another build may be reading)
mkdir -p "$(dirname "$OUT")"
STAGE=$(mktemp -d "$OUT.XXXXXX")
cp "$TMP/package/lib/wasi_snapshot_preview1.reactor.wasm" "$STAGE/"
mv -T "$STAGE" "$OUT" 2>/dev/null || rm -rf "$STAGE"
echo "$OUT"
