#!/usr/bin/env bash
# Builds the pipeline runtime: the C glue in glue/ compiled for the kit's target (wasm32-wasip1, or wasm32-wasip2
# with PIPELINE_KIT set to a kit of build-kit-wasip2.sh) and linked with the runtime
# kit's libpython into a WASI reactor core module (runtime.wasm, debug info stripped) plus the unstripped
# runtime.debug.wasm beside it, and runtime.map (wasm-ld's link map: which input each function and data object
# came from, and where it landed).
#
# Usage: distro/runtime/link-runtime.sh          build (or reuse) the runtime, print its folder on the last line
#        distro/runtime/link-runtime.sh --link OUT.wasm INPUT...
#                                                 link the same runtime with more wasm32-wasip1 objects and archives
#                                                 (native extension modules, a generated inittab) into OUT.wasm
#                                                 (debug info stripped) and its link map OUT.wasm.map; the
#                                                 runtime is built first when needed
#
# The runtime folder also keeps what a per-app link and extension builds need: glue/*.o (the compiled glue),
# bin/cc (clang for wasm32-wasip1 with the kit's sysroot and compiler-rt) and clang-resource/.
#
# The runtime lives in $PIPELINE_CACHE/kit/runtime-<hash> (default ~/.cache/pipeline); <hash> covers the glue
# sources, this script and the kit folder name. The kit is built first when needed (build-kit.sh). Progress
# goes to stderr. The same inputs give the same bytes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
START=$(date +%s)
say() { printf '[runtime %4ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }

KIT=${PIPELINE_KIT:-$(bash "$HERE/build-kit.sh" | tail -1)}
[[ -f "$KIT/kit.json" ]] || { say "not a runtime kit: $KIT"; exit 1; }
# the kit's target (wasm32-wasip1, or wasm32-wasip2 from build-kit-wasip2.sh) is the compiler's target; clang-19
# would link wasip2 programs with wasm-component-ld, so wasm-ld is asked for: the result stays a core module
TRIPLE=$(sed -n 's/.*"target": *"\([^"]*\)".*/\1/p' "$KIT/kit.json")
case "$TRIPLE" in
  wasm32-wasip1) LD_OPT= WRAP=() ;;
  # glue/wasip2_sockets.c: connected sockets closed in an order preview2-shim accepts; getpeername after a connect
  wasm32-wasip2) LD_OPT="-fuse-ld=lld -Wno-unused-command-line-argument" WRAP=(-Wl,--wrap=descriptor_table_remove -Wl,--wrap=getpeername) ;;
  *) say "the kit $KIT has an unknown target: $TRIPLE"; exit 1 ;;
esac

# The one definition of the runtime's link line. link_module OUT.wasm MAP OBJECT... (objects first: a definition there
# wins over an archive member that would define the same symbol, e.g. a trimmed _PyImport_Inittab). MAP receives
# wasm-ld's link map: where each input's functions and data landed (builtins = "prune" reads it).
link_module() {
  local out=$1 map=$2 L=$KIT/lib; shift 2
  "$RT_CC" -mexec-model=reactor "${MAPS[@]}" "${WRAP[@]}" -o "$out" "$@" \
    -z stack-size=2097152 -Wl,--stack-first -Wl,--Map="$map" \
    "$L/libpython3.13.a" "$L/libmpdec.a" "$L/libexpat.a" "$L/libHacl_Hash_SHA2.a" \
    "$L/libz.a" "$L/libbz2.a" "$L/liblzma.a" "$L/libsqlite3.a" \
    -ldl -lwasi-emulated-signal -lwasi-emulated-getpid -lwasi-emulated-process-clocks -lm
}

if [[ "${1:-}" == "--link" ]]; then
  (( $# >= 2 )) || { say "usage: link-runtime.sh --link OUT.wasm INPUT..."; exit 2; }
  target=$2; shift 2
  RT=${PIPELINE_RUNTIME:-$(bash "$HERE/link-runtime.sh" | tail -1)}
  [[ -x "$RT/bin/cc" && -d "$RT/glue" ]] || { say "$RT has no glue objects: relink it with this script"; exit 1; }
  RT_CC=$RT/bin/cc
  MAPS=(-ffile-prefix-map="$RT=/pipeline/runtime")
  say "linking $(basename "$target") with $# more inputs"
  link_module "$target.debug" "$target.map" "$RT"/glue/*.o "$@"
  llvm-strip-19 --strip-debug -o "$target" "$target.debug"
  say "linked $target ($(stat -c %s "$target") bytes stripped)"
  exit 0
fi

KEY=$( { cd "$HERE"; for f in link-runtime.sh glue/*.c glue/*.h; do echo "$f"; sha256sum < "$f"; done; basename "$KIT"; } \
       | sha256sum | cut -c1-16)
OUT=$CACHE/kit/runtime-$KEY
if [[ -f "$OUT/runtime.wasm" ]]; then say "runtime: cached at $OUT"; echo "$OUT"; exit 0; fi

mkdir -p "$CACHE/kit"
TMP=$(mktemp -d "$CACHE/kit/.runtime-$KEY.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# clang-19 looks for the wasip1 builtins under a triple folder the Debian package does not use
RES=$TMP/clang-resource
mkdir -p "$RES/lib/${TRIPLE/wasm32-/wasm32-unknown-}"
ln -s /usr/lib/llvm-19/lib/clang/19/include "$RES/include"
ln -s "$KIT/clang-rt/libclang_rt.builtins.a" "$RES/lib/${TRIPLE/wasm32-/wasm32-unknown-}/libclang_rt.builtins.a"
# bin/cc: the compiler for this runtime, wherever its folder ends up
mkdir -p "$TMP/bin" "$TMP/glue"
printf '#!/bin/sh\nD=$(cd "$(dirname "$0")/.." && pwd)\nexec clang-19 --target=%s %s --sysroot=%s -resource-dir="$D/clang-resource" "$@"\n' \
  "$TRIPLE" "$LD_OPT" "$KIT/sysroot" > "$TMP/bin/cc"
chmod +x "$TMP/bin/cc"
RT_CC=$TMP/bin/cc
CC=("$RT_CC")
# paths that would otherwise leak into debug info and make the output depend on where things are
MAPS=(-ffile-prefix-map="$HERE/glue=/pipeline/glue" -ffile-prefix-map="$KIT=/pipeline/kit" -ffile-prefix-map="$TMP=/pipeline/tmp")

cd "$TMP" # the compilation directory is recorded in debug info: make it the mapped temp folder
say "compiling glue ($(ls "$HERE"/glue/*.c | wc -l) files)"
objs=()
for src in "$HERE"/glue/*.c; do
  obj=$TMP/glue/$(basename "${src%.c}").o
  "${CC[@]}" -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration \
    -I"$KIT/include/python3.13" "${MAPS[@]}" -c "$src" -o "$obj"
  objs+=("$obj")
done

say "linking runtime.wasm"
link_module "$TMP/runtime.debug.wasm" "$TMP/runtime.map" "${objs[@]}"
llvm-strip-19 --strip-debug -o "$TMP/runtime.wasm" "$TMP/runtime.debug.wasm"
sha256sum "$TMP/runtime.wasm" | cut -d' ' -f1 > "$TMP/runtime.wasm.sha256"
printf '{\n  "kit": "%s",\n  "target": "%s",\n  "key": "%s",\n  "size": %s\n}\n' "$(basename "$KIT")" "$TRIPLE" "$KEY" \
  "$(stat -c %s "$TMP/runtime.wasm")" > "$TMP/runtime.json"

rm -rf "$OUT.old"; [[ -e "$OUT" ]] && mv "$OUT" "$OUT.old"
mv "$TMP" "$OUT"
trap - EXIT
rm -rf "$OUT.old"
say "runtime ready: $OUT ($(stat -c %s "$OUT/runtime.wasm") bytes stripped)"
echo "$OUT"
