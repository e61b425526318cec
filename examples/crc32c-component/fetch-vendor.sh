#!/usr/bin/env bash
# Puts the upstream sources of crc32c 2.7.1 into vendor/: Debian's original tarball, pinned by sha256, fetched and
# unpacked by scripts/fetch-extension-sources.sh into the cache; vendor/ links to it.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(bash "$HERE/../../scripts/fetch-extension-sources.sh" | tail -1)/src
mkdir -p "$HERE/vendor"
ln -sfn "$SRC/ICRAR-crc32c-6d3a422" "$HERE/vendor/ICRAR-crc32c-6d3a422"
echo "vendor/ ready: $(ls "$HERE/vendor" | tr '\n' ' ')"
