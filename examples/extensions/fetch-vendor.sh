#!/usr/bin/env bash
# Puts the upstream sources of markupsafe 2.1.5 and crc32c 2.7.1 into vendor/: Debian's original tarballs, pinned
# by sha256, fetched and unpacked by scripts/fetch-extension-sources.sh into the cache; vendor/ links to them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(bash "$HERE/../../scripts/fetch-extension-sources.sh" | tail -1)/src
mkdir -p "$HERE/vendor"
for d in MarkupSafe-2.1.5 ICRAR-crc32c-6d3a422; do ln -sfn "$SRC/$d" "$HERE/vendor/$d"; done
echo "vendor/ ready: $(ls "$HERE/vendor" | tr '\n' ' ')"
