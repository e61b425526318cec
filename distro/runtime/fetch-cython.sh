#!/usr/bin/env bash
# Fetches Cython, run on the build host to turn .pyx extension sources into C: Debian trixie's cython3 binary
# package, pinned by sha256, unpacked (not installed) into $PIPELINE_CACHE/kit/cython-<version>/. It runs under the
# kit's native python3.13 with PYTHONPATH=<folder>/usr/lib/python3/dist-packages. Prints the folder on the last line.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEB=cython3_3.0.11+dfsg-2+b1_amd64.deb
SHA256=ca9e41c1f13b3d2b4693034b9ee7660762c78ebe6043f03eef9068cacbfe6c9c
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
OUT=$CACHE/kit/cython-3.0.11
if [[ -f "$OUT/.done" ]]; then echo "$OUT"; exit 0; fi
. "$HERE/private-apt.sh"
mkdir -p "$CACHE/kit/debs"
private_apt "$CACHE/kit/apt-trixie-tools"
echo "[cython] fetching $DEB (Debian trixie)" >&2
private_apt_deb cython3 "$CACHE/kit/debs"
echo "$SHA256  $CACHE/kit/debs/$DEB" | sha256sum -c --quiet - || { echo "[cython] checksum mismatch for $DEB" >&2; exit 1; }
rm -rf "$OUT.tmp" && dpkg -x "$CACHE/kit/debs/$DEB" "$OUT.tmp" && touch "$OUT.tmp/.done"
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
echo "$OUT"
