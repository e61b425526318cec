#!/usr/bin/env bash
# Fetches the upstream sources of the C extension packages the extension tests and examples/extensions use: the
# original tarballs Debian (trixie) serves for them, plus the binary packages of six (genshi's pure-Python
# dependency) and ruamel.yaml (the pure-Python side of ruamel.yaml.clib). Every file must match the sha256 pinned below.
#
# Usage: scripts/fetch-extension-sources.sh      fetch (or reuse), unpack, print the folder on the last line
#
# The folder is $PIPELINE_CACHE/ext-sources (default ~/.cache/pipeline): dl/ holds the downloads, src/ the
# unpacked trees (src/markupsafe-2.1.5, ...), deb/ the unpacked binary packages. A private apt configuration is
# used: the system's apt sources, lists and pins are not touched and nothing is installed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
OUT=$CACHE/ext-sources
START=$(date +%s)
say() { printf '[ext-sources %4ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }

# sha256  file  (source tarballs: Debian's *.orig.tar.*, binary packages: *.deb)
PINNED=$(cat <<'PINS'
d283d37a890ba4c1ae73ffadf8046435c76e7bc2247bbb63c00bd1a709c6544b markupsafe_2.1.5.orig.tar.gz
40348f681deb45a41ebcee4de80939a2cd7a6e79c92096355d5d04de51201948 genshi_0.7.9.orig.tar.gz
41f9d55c03121862a191a06ef92463ab3dcfa23a639953a89ae10e04dff55848 python-crc32c_2.7.1.orig.tar.gz
a58464c1cf3579ec32906992e1da6475f93951065e3818ac6b7db50aaa207e40 python-msgspec_0.19.0.orig.tar.gz
d584d9ec91ad65861cc08d42e834324ef890a082e591037abe114850ff7bbc3e pyyaml_6.0.2.orig.tar.gz
fa240dbf262be053f3898006d502d514936c818e422afdcf33921c63bed9bf2e libyaml_0.2.5.orig.tar.gz
27f469c1e998fd3311c54f67a0c76d33eceb5932d47b8d94029e0548f10bdd1d ruamel.yaml.clib_0.2.12+ds.orig.tar.xz
cd1caa92b2860d1de83311cb77f9fab1ee66034ef997cc436d41a1707458666d python3-six_1.17.0-1_all.deb
366255ee65bea104f920e21928c0e930bc34e8b569d30494f66cfac73047db98 python3-ruamel.yaml_0.18.10+ds-1_all.deb
PINS
)
SOURCES=(markupsafe genshi python-crc32c python-msgspec pyyaml libyaml ruamel.yaml.clib)
BINARIES=(python3-six python3-ruamel.yaml)

if [[ -f "$OUT/.done" && "$(cat "$OUT/.done")" == "$(echo "$PINNED" | sha256sum | cut -c1-16)" ]]; then
  say "cached at $OUT"; echo "$OUT"; exit 0
fi

. "$ROOT/distro/runtime/private-apt.sh"
private_apt "$OUT/apt"
mkdir -p "$OUT/dl"
for s in "${SOURCES[@]}"; do private_apt_orig "$s" "$OUT/dl"; done
for b in "${BINARIES[@]}"; do private_apt_deb "$b" "$OUT/dl"; done

while read -r sum f; do
  echo "$sum  $OUT/dl/$f" | sha256sum -c --quiet - || { say "checksum mismatch for $f (the mirror serves a different version?)"; exit 1; }
done <<< "$PINNED"

say "unpacking"
rm -rf "$OUT/src" "$OUT/deb" && mkdir -p "$OUT/src" "$OUT/deb"
for f in "$OUT"/dl/*.orig.tar.*; do tar xf "$f" -C "$OUT/src"; done
for f in "$OUT"/dl/*.deb; do dpkg -x "$f" "$OUT/deb"; done
echo "$PINNED" | sha256sum | cut -c1-16 > "$OUT/.done"
say "ready: $(ls "$OUT/src" | tr '\n' ' ')"
echo "$OUT"
