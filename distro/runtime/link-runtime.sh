#!/usr/bin/env bash
# Builds the pipeline runtime: the C glue in glue/ compiled for wasm32-wasip1 and linked with the runtime
# kit's libpython into a WASI reactor core module (runtime.wasm, debug info stripped) plus the unstripped
# runtime.debug.wasm beside it.
#
# Usage: distro/runtime/link-runtime.sh          build (or reuse) the runtime, print its folder on the last line
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

KEY=$( { cd "$HERE"; for f in link-runtime.sh glue/*.c glue/*.h; do echo "$f"; sha256sum < "$f"; done; basename "$KIT"; } \
       | sha256sum | cut -c1-16)
OUT=$CACHE/kit/runtime-$KEY
if [[ -f "$OUT/runtime.wasm" ]]; then say "runtime: cached at $OUT"; echo "$OUT"; exit 0; fi

mkdir -p "$CACHE/kit"
TMP=$(mktemp -d "$CACHE/kit/.runtime-$KEY.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# clang-19 looks for the wasip1 builtins under a triple folder the Debian package does not use
RES=$TMP/clang-resource
mkdir -p "$RES/lib/wasm32-unknown-wasip1"
ln -s /usr/lib/llvm-19/lib/clang/19/include "$RES/include"
ln -s "$KIT/clang-rt/libclang_rt.builtins.a" "$RES/lib/wasm32-unknown-wasip1/libclang_rt.builtins.a"

CC=(clang-19 --target=wasm32-wasip1 --sysroot="$KIT/sysroot" -resource-dir="$RES")
# paths that would otherwise leak into debug info and make the output depend on where things are
MAPS=(-ffile-prefix-map="$HERE/glue=/pipeline/glue" -ffile-prefix-map="$KIT=/pipeline/kit" -ffile-prefix-map="$TMP=/pipeline/tmp")

cd "$TMP" # the compilation directory is recorded in debug info: make it the mapped temp folder
say "compiling glue ($(ls "$HERE"/glue/*.c | wc -l) files)"
objs=()
for src in "$HERE"/glue/*.c; do
  obj=$TMP/$(basename "${src%.c}").o
  "${CC[@]}" -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration \
    -I"$KIT/include/python3.13" "${MAPS[@]}" -c "$src" -o "$obj"
  objs+=("$obj")
done

say "linking runtime.wasm"
L=$KIT/lib
"${CC[@]}" -mexec-model=reactor "${MAPS[@]}" -o "$TMP/runtime.debug.wasm" "${objs[@]}" \
  -z stack-size=2097152 -Wl,--stack-first \
  "$L/libpython3.13.a" "$L/libmpdec.a" "$L/libexpat.a" "$L/libHacl_Hash_SHA2.a" \
  "$L/libz.a" "$L/libbz2.a" "$L/liblzma.a" "$L/libsqlite3.a" \
  -ldl -lwasi-emulated-signal -lwasi-emulated-getpid -lwasi-emulated-process-clocks -lm
llvm-strip-19 --strip-debug -o "$TMP/runtime.wasm" "$TMP/runtime.debug.wasm"
sha256sum "$TMP/runtime.wasm" | cut -d' ' -f1 > "$TMP/runtime.wasm.sha256"
printf '{\n  "kit": "%s",\n  "key": "%s",\n  "size": %s\n}\n' "$(basename "$KIT")" "$KEY" \
  "$(stat -c %s "$TMP/runtime.wasm")" > "$TMP/runtime.json"
rm -rf "$RES" "$TMP"/*.o

rm -rf "$OUT.old"; [[ -e "$OUT" ]] && mv "$OUT" "$OUT.old"
mv "$TMP" "$OUT"
trap - EXIT
rm -rf "$OUT.old"
say "runtime ready: $OUT ($(stat -c %s "$OUT/runtime.wasm") bytes stripped)"
echo "$OUT"
