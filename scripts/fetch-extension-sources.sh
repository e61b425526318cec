#!/usr/bin/env bash
# Fetches the upstream sources of the C extension packages the extension tests and examples/extensions use: the
# original tarballs Debian (trixie) serves for them, plus the binary packages of Cython (run on the build host)
# and of six (genshi's pure-Python dependency). Every file must match the sha256 pinned below.
#
# Usage: scripts/fetch-extension-sources.sh      fetch (or reuse), unpack, print the folder on the last line
#
# The folder is $PIPELINE_CACHE/ext-sources (default ~/.cache/pipeline): dl/ holds the downloads, src/ the
# unpacked trees (src/markupsafe-2.1.5, ...), deb/ the unpacked binary packages. A private apt configuration is
# used: the system's apt sources, lists and pins are not touched and nothing is installed.
set -euo pipefail

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
ca9e41c1f13b3d2b4693034b9ee7660762c78ebe6043f03eef9068cacbfe6c9c cython3_3.0.11+dfsg-2+b1_amd64.deb
PINS
)
SOURCES=(markupsafe genshi python-crc32c python-msgspec pyyaml libyaml ruamel.yaml.clib)
BINARIES=(python3-six cython3)

if [[ -f "$OUT/.done" && "$(cat "$OUT/.done")" == "$(echo "$PINNED" | sha256sum | cut -c1-16)" ]]; then
  say "cached at $OUT"; echo "$OUT"; exit 0
fi

MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
APTDIR=$OUT/apt
APTOPTS=(-o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=$APTDIR/parts"
         -o "Dir::Etc::PreferencesParts=$APTDIR/parts" -o "Dir::State::Lists=$APTDIR/lists"
         -o "Dir::Cache=$APTDIR/cache" -o "APT::Sandbox::User=root")
mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/parts" "$OUT/dl" "$OUT/src" "$OUT/deb"
printf 'deb [arch=amd64] %s trixie main\ndeb-src %s trixie main\n' "$MIRROR" "$MIRROR" > "$APTDIR/sources.list"

need_update=1
fetch() { # the orig tarball of a source package: its URL as apt prints it, downloaded with curl
  local pkg=$1 uri
  if ((need_update)); then say "apt update (private trixie lists)"; apt-get "${APTOPTS[@]}" update >/dev/null; need_update=0; fi
  uri=$(apt-get "${APTOPTS[@]}" source --print-uris "$pkg" | sed -n "s/^'\([^']*\.orig\.tar\.[a-z0-9]*\)'.*/\1/p" | head -1)
  [[ -n "$uri" ]] || { say "no orig tarball for $pkg"; return 1; }
  local name; name=$(basename "$uri"); name=${name//%2b/+}; name=${name//%2B/+}
  local f=$OUT/dl/$name
  [[ -f "$f" ]] || { say "downloading $(basename "$uri")"; curl -fsSL -o "$f.part" "$uri" && mv "$f.part" "$f"; }
}
for s in "${SOURCES[@]}"; do fetch "$s"; done
for b in "${BINARIES[@]}"; do
  ls "$OUT"/dl/"${b}"_*.deb >/dev/null 2>&1 || { (cd "$OUT/dl" && apt-get "${APTOPTS[@]}" download "$b/trixie" >/dev/null); }
done
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
