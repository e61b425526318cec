#!/usr/bin/env bash
# Builds the wasm32-wasip2 runtime kit: CPython 3.13.5 from the same Debian sources as the wasip1 kit, compiled
# against the wasm32-wasip2 sysroot of the same wasi-libc package, whose libc implements sockets on wasi:sockets.
#
# Usage: distro/runtime/build-kit-wasip2.sh         build (or reuse) the kit, print its folder on the last line
#        distro/runtime/build-kit-wasip2.sh --dir   print the folder the kit has (or would have), build nothing
#
# It reuses what the wasip1 kit (build-kit.sh, built first when needed) already has: the checked source tarballs,
# the native build python, the sysroot and the static zlib/bzip2/liblzma/sqlite3 archives (plain C libraries whose
# ABI is the same on both sysroots: they only use stdio and files). Only CPython itself is configured and
# compiled again. The kit lives in $PIPELINE_CACHE/kit/cpython-wasip2-<hash>, where <hash> covers this script's
# steps and the wasip1 kit's folder name; an interrupted build resumes from the last finished step. Its stdlib's
# ssl.py raises ImportError with the reason (no TLS library).
#
# Configure notes (wasip2 against wasip1): --host=wasm32-wasip2; clang-19 would link wasip2 programs with
# wasm-component-ld, so the compiler wrapper passes -fuse-ld=lld and the result stays a core module whose libc
# carries its own `component-type:` custom section for the wasi:sockets (and wasi:io) imports; the component
# encoder merges it. The socket functions (socket, connect, bind, listen, accept, getaddrinfo, ...) are found by
# configure's ordinary link tests; nothing is forced on. socketmodule.c is compiled with -include sys/ioctl.h, so
# socket.setblocking() uses ioctl(FIONBIO), which this libc implements for sockets (its fcntl() does not).
set -euo pipefail

PYVER=3.13.5
HERE=${KIT_HERE:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
if [[ -z "${KIT_HERE:-}" ]]; then
  copy=$(mktemp /tmp/build-kit-wasip2.XXXXXX.sh); cp "$HERE/build-kit-wasip2.sh" "$copy"
  KIT_HERE=$HERE exec bash "$copy" "$@"
fi
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
JOBS=${JOBS:-$(nproc)}
START=$(date +%s)
say() { printf '[kit-wasip2 %4ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }

KIT1=$(bash "$HERE/build-kit.sh" --dir)
if [[ ! -f "$KIT1/kit.json" ]]; then KIT1=$(bash "$HERE/build-kit.sh" | tail -1); fi
WORK1=$CACHE/kit/work
WORK=$CACHE/kit/work-wasip2
LOG=$WORK/logs
# As in build-kit.sh, a step runs unless it finished before with the same chain hash (its own code and that of
# every step before it, starting from the wasip1 kit's name), so editing one step reruns it and what follows.
CHAIN=$(basename "$KIT1" | sha256sum | cut -c1-16)
step() {
  local name=$1 fn=$2
  CHAIN=$( { echo "$CHAIN"; declare -f "$fn"; } | sha256sum | cut -c1-16)
  if [[ "$(cat "$WORK/.done-$name" 2>/dev/null)" == "$CHAIN" ]]; then say "$name: done earlier"; return; fi
  say "$name ..."
  local t0=$(date +%s) rc=0
  set +e; ( set -euo pipefail; "$fn" ) > "$LOG/$name.log" 2>&1; rc=$?; set -e
  if (( rc != 0 )); then
    say "$name FAILED (exit $rc); last lines of $LOG/$name.log:"; tail -30 "$LOG/$name.log" >&2; exit 1
  fi
  echo "$CHAIN" > "$WORK/.done-$name"
  say "$name: $(( $(date +%s) - t0 )) s"
}

SYSROOT=$KIT1/sysroot
NATIVE_PY=$KIT1/native/bin/python3.$(cut -d. -f2 <<< "$PYVER")
DEPS=$WORK1/deps
SDK=$WORK/sdk
RESDIR=$WORK/clang-resource
SRC=$WORK/src/Python-$PYVER
BUILD=$WORK/wasm-build

do_toolchain() {
  [[ -d "$SYSROOT/lib/wasm32-wasip2" ]] || { echo "the wasi-libc sysroot has no wasm32-wasip2 libraries"; return 1; }
  [[ -f "$DEPS/lib/libz.a" ]] || { echo "no static deps in $DEPS: run distro/runtime/build-kit.sh"; return 1; }
  mkdir -p "$RESDIR/lib/wasm32-unknown-wasip2" "$SDK/bin"
  ln -sfn /usr/lib/llvm-19/lib/clang/19/include "$RESDIR/include"
  ln -sfn "$KIT1/clang-rt/libclang_rt.builtins.a" "$RESDIR/lib/wasm32-unknown-wasip2/libclang_rt.builtins.a"
  local F="--target=wasm32-wasip2 --sysroot=$SYSROOT -resource-dir=$RESDIR"
  printf '#!/bin/sh\nexec /usr/bin/clang-19 %s -fuse-ld=lld "$@"\n' "$F" > "$SDK/bin/clang"
  printf '#!/bin/sh\nexec /usr/bin/clang++-19 %s -fuse-ld=lld "$@"\n' "$F" > "$SDK/bin/clang++"
  printf '#!/bin/sh\nexec /usr/bin/clang-19 %s -E "$@"\n' "$F" > "$SDK/bin/clang-cpp"
  chmod +x "$SDK"/bin/clang*
  for x in llvm-ar llvm-ranlib llvm-nm llvm-strip wasm-ld; do ln -sfn "/usr/bin/$x-19" "$SDK/bin/$x"; done
  ln -sfn /usr/bin/llvm-ranlib-19 "$SDK/bin/ranlib"
  printf '#include <sys/socket.h>\nint main(void){return socket(AF_INET,SOCK_STREAM,0)<0;}\n' > "$WORK/t.c"
  "$SDK/bin/clang" -O2 "$WORK/t.c" -o "$WORK/t.wasm" && ls -la "$WORK/t.wasm"
}

do_unpack() {
  local tarball=$WORK1/dl/python3.13_$PYVER.orig.tar.xz
  grep " python3.13_$PYVER.orig.tar.xz" "$HERE/sources.sha256" | sed "s| .*|  $tarball|" | sha256sum -c -
  rm -rf "$WORK/src" && mkdir -p "$WORK/src" && tar xf "$tarball" -C "$WORK/src"
  test -f "$SRC/configure"
}

do_configure() {
  rm -rf "$BUILD" && mkdir -p "$BUILD" && cd "$BUILD"
  local rel; rel=$(realpath --relative-to="$BUILD" "$SRC")
  CONFIG_SITE=$SRC/Tools/wasm/config.site-wasm32-wasi HOSTRUNNER=false \
  CC="$SDK/bin/clang" CPP="$SDK/bin/clang-cpp" CXX="$SDK/bin/clang++" AR="$SDK/bin/llvm-ar" RANLIB="$SDK/bin/ranlib" \
  PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$DEPS/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR= \
  SOURCE_DATE_EPOCH=1735689600 \
  "$rel/configure" --host=wasm32-wasip2 --build=x86_64-pc-linux-gnu --with-build-python="$NATIVE_PY" \
     --prefix=/usr/local --disable-test-modules ac_cv_func_clock_nanosleep=no ac_cv_lib_rt_clock_nanosleep=no
  grep -E '^#define HAVE_(SOCKET|CONNECT|ACCEPT|GETADDRINFO|SOCKETPAIR|SETSOCKOPT|GETHOSTBYNAME)\b' pyconfig.h || true
}

# The wasip1 build's objects are reused for every source that cannot tell the two sysroots apart: their headers
# differ only in sys/socket.h and netdb.h (and the __wasilibc_use_wasip2 macro they test), and pyconfig.h only in
# the socket and name-lookup HAVE_* macros. Sources that mention any of these are compiled again; so is whatever
# make finds older than a prerequisite (generated files are made again, after the copy).
do_make() {
  cd "$BUILD"
  local W1=$WORK1/wasm-build o src
  local changed='HAVE_(ADDRINFO|BIND|CONNECT|GAI_STRERROR|GETADDRINFO|GETHOSTBYADDR|GETHOSTBYNAME|GETNAMEINFO|GETPEERNAME|GETPROTOBYNAME|GETSERVBYNAME|GETSERVBYPORT|GETSOCKNAME|HSTRERROR|LISTEN|NETDB_H|RECVFROM|SENDTO|SETSOCKOPT|SOCKET)\b|PY_SUPPORT_TIER|sys/socket\.h|netdb\.h|socketmodule\.h|addrinfo\.h|__wasilibc_use_wasip2'
  # headers that would carry a difference into every file including them: none in CPython 3.13.5 (checked here)
  if grep -rqE "$changed" "$SRC/Include" "$SRC/Python"/*.h "$SRC/Objects"/*.h 2>/dev/null; then
    echo "a CPython header mentions a socket macro: compiling everything"; W1=/nonexistent
  fi
  local reused=0 fresh=0
  find . -name '*.o' -delete
  if [[ -d "$W1" ]]; then
    while read -r o; do
      src=$SRC/${o%.o}.c
      if [[ -f "$src" ]] && ! grep -qE "$changed" "$src"; then
        mkdir -p "$(dirname "$o")" && cp "$W1/$o" "$o" && touch "$o"; reused=$((reused + 1))
      else
        fresh=$((fresh + 1))
      fi
    done < <(cd "$W1" && find . -name '*.o' -printf '%P\n' | sort)
  fi
  echo "reused $reused objects of the wasip1 build; $fresh compiled again"
  # socketmodule.c includes <sys/ioctl.h> on a few platforms only; without FIONBIO, setblocking() would use
  # fcntl(), which this libc does not implement for sockets (EBADF), while its ioctl(FIONBIO) does
  SOURCE_DATE_EPOCH=1735689600 nice -n 5 make -j"$JOBS" all MODULE__SOCKET_CFLAGS="-include sys/ioctl.h"
  ls -la python.wasm libpython3.13.a
}

do_assemble() {
  local out=$WORK/out
  rm -rf "$out" "$WORK/dist" && mkdir -p "$out/lib" "$out/include" "$out/stdlib"
  cd "$BUILD" && make install DESTDIR="$WORK/dist" >/dev/null
  local P=$WORK/dist/usr/local
  cp "$P/lib/libpython3.13.a" "$out/lib/"
  cp Modules/_decimal/libmpdec/libmpdec.a Modules/expat/libexpat.a "$out/lib/"
  cp Modules/_hacl/*.a "$out/lib/" 2>/dev/null || true
  cp "$DEPS"/lib/*.a "$out/lib/"
  cp -a "$P/include/python3.13" "$out/include/"
  (cd "$P/lib/python3.13" && tar cf - --exclude=__pycache__ --exclude='./test' --exclude='./idlelib' \
      --exclude='./tkinter' --exclude='./turtledemo' --exclude='./ensurepip' --exclude='./lib2to3' \
      --exclude='./site-packages' --exclude='./lib-dynload' --exclude='./config-3.13-wasm32-wasi' \
      --exclude='*/tests' --exclude='*/idle_test' .) | (mkdir -p "$out/stdlib/python3.13" && cd "$out/stdlib/python3.13" && tar xf -)
  # the sysroot, compiler-rt and native python are the wasip1 kit's (one copy on disk)
  ln -s "$KIT1/sysroot" "$out/sysroot"
  ln -s "$KIT1/clang-rt" "$out/clang-rt"
  ln -s "$KIT1/native" "$out/native"
  # no TLS library is built for WebAssembly: `import ssl` says so (http.client, urllib and asyncio catch
  # ImportError and go on without TLS)
  cat > "$out/stdlib/python3.13/ssl.py" <<'PY'
"""Not available: this runtime (CPython for WebAssembly) has no TLS library."""
raise ImportError("ssl is not available in this runtime: CPython for WebAssembly is built without a TLS library "
                  "(OpenSSL); use plain http:// or let the host terminate TLS", name="ssl")
PY
  "$NATIVE_PY" - "$BUILD" <<'PY'
import sys
text = open(sys.argv[1] + "/Makefile").read()
missing = [m for m in ("zlib", "_bz2", "_lzma", "_sqlite3", "_decimal", "pyexpat", "_json", "_socket", "select")
           if "MODULE_" + m.upper() + "_STATE=yes" not in text]
if missing: sys.exit("modules not built: " + ", ".join(missing))
PY
  /usr/bin/llvm-strip-19 --strip-debug -o "$out/python.wasm" "$BUILD/python.wasm"
  local libs; libs=$(cd "$out/lib" && ls *.a | tr '\n' ' ')
  printf '{\n  "python": "%s",\n  "target": "wasm32-wasip2",\n  "key": "%s",\n  "libs": "%s"\n}\n' "$PYVER" "$CHAIN" "$libs" > "$out/kit.json"
}

STEPS=(toolchain unpack configure make assemble)
# the kit's folder name is the chain hash of all steps: known before anything is built
kit_key() {
  local c=$CHAIN s
  for s in "${STEPS[@]}"; do c=$( { echo "$c"; declare -f "do_$s"; } | sha256sum | cut -c1-16); done
  echo "$c"
}
KIT=$CACHE/kit/cpython-wasip2-$(kit_key)
if [[ "${1:-}" == "--dir" ]]; then echo "$KIT"; exit 0; fi
if [[ -f "$KIT/kit.json" ]]; then say "runtime kit (wasip2): cached at $KIT"; echo "$KIT"; exit 0; fi
mkdir -p "$LOG"

for s in "${STEPS[@]}"; do step "$s" "do_$s"; done
rm -rf "$KIT" && mv "$WORK/out" "$KIT"
say "runtime kit (wasip2) ready: $KIT ($(du -sh "$KIT" | cut -f1) besides the wasip1 kit)"
echo "$KIT"
