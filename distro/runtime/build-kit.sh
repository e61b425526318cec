#!/usr/bin/env bash
# Builds the runtime kit: CPython 3.13.5 for wasm32-wasip1 from Debian sources, with static zlib, bzip2,
# liblzma and sqlite3, plus a native build python of the same version (used to compile bytecode that
# matches the wasm interpreter exactly).
#
# Usage: distro/runtime/build-kit.sh            build (or reuse) the kit, print its folder on the last line
#        distro/runtime/build-kit.sh --dir      print the folder the kit has (or would have), build nothing
#
# The kit lives in $PIPELINE_CACHE/kit/cpython-<hash> (default ~/.cache/pipeline), where <hash> covers this
# script and the pinned source checksums. A finished kit is never rebuilt; an interrupted build resumes from
# the last finished step. Needs root for apt (packages are added idempotently).
set -euo pipefail

PYVER=3.13.5
HERE=${KIT_HERE:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
# run from a private copy, so editing this file while a build runs cannot disturb it
if [[ -z "${KIT_HERE:-}" ]]; then
  copy=$(mktemp /tmp/build-kit.XXXXXX.sh); cp "$HERE/build-kit.sh" "$copy"
  KIT_HERE=$HERE exec bash "$copy" "$@"
fi
CACHE=${PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipeline}
WORK=$CACHE/kit/work
JOBS=${JOBS:-$(nproc)}


mkdir -p "$WORK"
LOG=$WORK/logs; mkdir -p "$LOG"
START=$(date +%s)
say() { printf '[kit %4ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }
# A step runs unless it finished before with the same chain hash: the hash of its own code and of every
# step before it, so editing one step reruns it and what follows, and nothing earlier.
CHAIN=$(sha256sum "$HERE/sources.sha256" | cut -c1-16)
step() {
  local name=$1 fn=$2
  CHAIN=$( { echo "$CHAIN"; declare -f "$fn"; } | sha256sum | cut -c1-16)
  if [[ "$(cat "$WORK/.done-$name" 2>/dev/null)" == "$CHAIN" ]]; then say "$name: done earlier"; return; fi
  say "$name ..."
  local t0=$(date +%s)
  local rc=0
  set +e
  ( set -euo pipefail; "$fn" ) > "$LOG/$name.log" 2>&1
  rc=$?
  set -e
  if (( rc != 0 )); then
    say "$name FAILED (exit $rc); last lines of $LOG/$name.log:"; tail -30 "$LOG/$name.log" >&2; exit 1
  fi
  echo "$CHAIN" > "$WORK/.done-$name"
  say "$name: $(( $(date +%s) - t0 )) s"
}

SYSROOT=$WORK/sysroot
RESDIR=$WORK/clang-resource
SDK=$WORK/sdk
DEPS=$WORK/deps
NATIVE=$WORK/native-build
SRC=$WORK/src/Python-$PYVER
BUILD=$WORK/wasm-build
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
APTDIR=$WORK/apt-trixie
APTOPTS=(-o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=$APTDIR/parts"
         -o "Dir::Etc::PreferencesParts=$APTDIR/parts" -o "Dir::State::Lists=$APTDIR/lists"
         -o "Dir::Cache=$APTDIR/cache" -o "APT::Sandbox::User=root")

do_packages() {
  local need=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 tcl make gcc xz-utils bzip2 dpkg-dev)
  local missing=()
  for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
  fi
  dpkg-query -W clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32
}

# Trixie (Debian 13) supplies python3.13 sources and a recent wasi-libc. A private apt configuration is used,
# so the system's sources, pins and package lists are not touched and nothing from trixie gets installed.
do_sources() {
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/parts" "$WORK/dl"
  printf 'deb [arch=amd64] %s trixie main\ndeb-src %s trixie main\n' "$DEBIAN_MIRROR" "$DEBIAN_MIRROR" > "$APTDIR/sources.list"
  apt-get "${APTOPTS[@]}" update
  cd "$WORK/dl"
  apt-get "${APTOPTS[@]}" download wasi-libc/trixie
  # .debian.tar files may be missing from the mirror; only the pinned orig tarballs matter
  for s in python3.13 zlib bzip2 xz-utils sqlite3; do apt-get "${APTOPTS[@]}" source --download-only "$s" || true; done
  # every file the build uses must match the pinned checksum
  local f sum
  while read -r sum f; do
    [[ -z "$sum" || "$sum" == \#* ]] && continue
    echo "$sum  $f" | sha256sum -c - || { echo "checksum mismatch for $f (the registry serves a different version?)"; return 1; }
  done < "$HERE/sources.sha256"
}

do_sysroot() {
  rm -rf "$WORK/wasi-libc" && dpkg -x "$WORK"/dl/wasi-libc_*_all.deb "$WORK/wasi-libc"
  ln -sfn "$WORK/wasi-libc/usr" "$SYSROOT"
  # Debian's compiler-rt for wasm32 sits in the old layout (lib/wasi/libclang_rt.builtins-wasm32.a) while
  # clang-19 --target=wasm32-wasip1 looks in lib/wasm32-unknown-wasip1/: a private resource dir fixes it.
  mkdir -p "$RESDIR/lib/wasm32-unknown-wasip1"
  ln -sfn /usr/lib/llvm-19/lib/clang/19/include "$RESDIR/include"
  ln -sfn /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a \
          "$RESDIR/lib/wasm32-unknown-wasip1/libclang_rt.builtins.a"
  # a wasi-sdk-like tree of wrappers, so autoconf sees an ordinary cross toolchain
  mkdir -p "$SDK/bin"
  local F="--target=wasm32-wasip1 --sysroot=$SYSROOT -resource-dir=$RESDIR"
  printf '#!/bin/sh\nexec /usr/bin/clang-19 %s "$@"\n' "$F" > "$SDK/bin/clang"
  printf '#!/bin/sh\nexec /usr/bin/clang++-19 %s "$@"\n' "$F" > "$SDK/bin/clang++"
  printf '#!/bin/sh\nexec /usr/bin/clang-19 %s -E "$@"\n' "$F" > "$SDK/bin/clang-cpp"
  chmod +x "$SDK"/bin/clang*
  for x in llvm-ar llvm-ranlib llvm-nm llvm-strip llvm-objdump wasm-ld; do ln -sfn "/usr/bin/$x-19" "$SDK/bin/$x"; done
  ln -sfn /usr/bin/llvm-ranlib-19 "$SDK/bin/ranlib"
  echo 'int main(void){return 0;}' > "$WORK/t.c" && "$SDK/bin/clang" -O2 "$WORK/t.c" -o "$WORK/t.wasm" && ls -la "$WORK/t.wasm"
}

do_unpack() {
  rm -rf "$WORK/src" && mkdir -p "$WORK/src" && cd "$WORK/src"
  tar xf "$WORK/dl/python3.13_$PYVER.orig.tar.xz"
  # the build stays reproducible: no timestamps in compiled objects or archives
  test -f "$SRC/configure"
}

do_native() {
  rm -rf "$NATIVE" && mkdir -p "$NATIVE" && cd "$NATIVE"
  "$SRC/configure" --prefix="$WORK/native" --without-ensurepip
  make -j"$JOBS"
  ./python -c 'import sys; print(sys.version)'
}

do_deps() {
  rm -rf "$WORK/deps-build" "$DEPS" && mkdir -p "$WORK/deps-build" "$DEPS/lib/pkgconfig" "$DEPS/include"
  local CC=$SDK/bin/clang AR=$SDK/bin/llvm-ar RANLIB=$SDK/bin/llvm-ranlib
  cd "$WORK/deps-build"
  tar xzf "$WORK"/dl/zlib_*.orig.tar.gz && cd zlib-1.3.1
  CC=$CC AR=$AR RANLIB=$RANLIB CFLAGS=-O2 CHOST=wasm32-wasip1 ./configure --static --prefix="$DEPS"
  make -j"$JOBS" libz.a && make install && cd ..
  tar xzf "$WORK"/dl/bzip2_1.0.8.orig.tar.gz && cd bzip2-1.0.8
  make libbz2.a CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="-O2 -D_FILE_OFFSET_BITS=64"
  cp libbz2.a "$DEPS/lib/" && cp bzlib.h "$DEPS/include/" && cd ..
  printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: bzip2\nDescription: bzip2\nVersion: 1.0.8\nLibs: -L${libdir} -lbz2\nCflags: -I${includedir}\n' "$DEPS" > "$DEPS/lib/pkgconfig/bzip2.pc"
  tar xJf "$WORK"/dl/xz-utils_*.orig.tar.xz && cd xz-*/
  CC=$CC AR=$AR RANLIB=$RANLIB CFLAGS=-O2 ./configure --host=wasm32-wasip1 --prefix="$DEPS" --enable-static \
     --disable-shared --disable-threads --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo \
     --disable-lzma-links --disable-scripts --disable-doc --disable-nls
  make -C src/liblzma -j"$JOBS" && make -C src/liblzma install && cd ..
  # sqlite: the amalgamation is generated natively (tclsh), then compiled for wasm
  tar xJf "$WORK"/dl/sqlite3_3.46.1.orig.tar.xz && mkdir -p sqlite3-3.46.1/bld && cd sqlite3-3.46.1/bld
  ../configure && make sqlite3.c
  "$CC" -O2 -c sqlite3.c -o sqlite3.o -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 -DSQLITE_ENABLE_FTS5 \
      -DSQLITE_ENABLE_MATH_FUNCTIONS -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN
  "$AR" rcs "$DEPS/lib/libsqlite3.a" sqlite3.o && cp sqlite3.h ../src/sqlite3ext.h "$DEPS/include/"
  printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: SQLite\nDescription: sqlite\nVersion: 3.46.1\nLibs: -L${libdir} -lsqlite3\nCflags: -I${includedir}\n' "$DEPS" > "$DEPS/lib/pkgconfig/sqlite3.pc"
  ls -la "$DEPS/lib"
}

# clock_nanosleep is turned off so time.sleep uses a relative nanosleep: node's WASI mishandles absolute
# clock subscriptions (both variables are needed: wasi-libc's empty librt.a satisfies the -lrt fallback).
do_configure() {
  rm -rf "$BUILD" && mkdir -p "$BUILD" && cd "$BUILD"
  local rel; rel=$(realpath --relative-to="$BUILD" "$SRC")
  CONFIG_SITE=$SRC/Tools/wasm/config.site-wasm32-wasi HOSTRUNNER="node --no-warnings" \
  CC="$SDK/bin/clang" CPP="$SDK/bin/clang-cpp" CXX="$SDK/bin/clang++" AR="$SDK/bin/llvm-ar" RANLIB="$SDK/bin/ranlib" \
  PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$DEPS/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR= \
  SOURCE_DATE_EPOCH=1735689600 \
  "$rel/configure" --host=wasm32-wasip1 --build=x86_64-pc-linux-gnu --with-build-python="$NATIVE/python" \
     --prefix=/usr/local --disable-test-modules ac_cv_func_clock_nanosleep=no ac_cv_lib_rt_clock_nanosleep=no
}

do_make() {
  cd "$BUILD" && SOURCE_DATE_EPOCH=1735689600 make -j"$JOBS" all
  ls -la python.wasm libpython3.13.a
}

do_assemble() {
  local out=$WORK/out
  rm -rf "$out" && mkdir -p "$out/lib" "$out/include" "$out/stdlib" "$out/native"
  cd "$BUILD" && make install DESTDIR="$WORK/dist" >/dev/null
  local P=$WORK/dist/usr/local
  cp "$P/lib/libpython3.13.a" "$out/lib/"
  cp Modules/_decimal/libmpdec/libmpdec.a Modules/expat/libexpat.a "$out/lib/"
  cp Modules/_hacl/*.a "$out/lib/" 2>/dev/null || true
  cp "$DEPS"/lib/*.a "$out/lib/"
  cp -a "$P/include/python3.13" "$out/include/"
  # the stdlib as sources, without tests, GUI and packaging tools; no __pycache__
  (cd "$P/lib/python3.13" && tar cf - --exclude=__pycache__ --exclude='./test' --exclude='./idlelib' \
      --exclude='./tkinter' --exclude='./turtledemo' --exclude='./ensurepip' --exclude='./lib2to3' \
      --exclude='./site-packages' --exclude='./lib-dynload' --exclude='./config-3.13-wasm32-wasi' \
      --exclude='*/tests' --exclude='*/idle_test' .) | (mkdir -p "$out/stdlib/python3.13" && cd "$out/stdlib/python3.13" && tar xf -)
  # wasi sysroot and compiler-rt, needed to link the runtime and native extensions later
  cp -aL "$SYSROOT" "$out/sysroot"
  mkdir -p "$out/clang-rt" && cp -L "$RESDIR/lib/wasm32-unknown-wasip1/libclang_rt.builtins.a" "$out/clang-rt/"
  # the native build python (same version, same bytecode) with its stdlib
  cd "$NATIVE" && make install >/dev/null
  rm -rf "$WORK/native/lib/python3.13/test" "$WORK/native/lib/python3.13/idlelib" "$WORK/native/lib/python3.13/tkinter" \
         "$WORK/native/lib/python3.13/turtledemo" "$WORK/native/share"
  cp -a "$WORK/native/." "$out/native/"
  # every module the runtime needs must be built in
  "$WORK/native/bin/python3.13" - "$BUILD" <<'PY'
import re, sys
text = open(sys.argv[1] + "/Makefile").read()
missing = [m for m in ("zlib", "_bz2", "_lzma", "_sqlite3", "_decimal", "pyexpat", "_json") if "MODULE_" + m.upper() + "_STATE=yes" not in text]
if missing: sys.exit("modules not built: " + ", ".join(missing))
PY
  /usr/bin/llvm-strip-19 --strip-debug -o "$out/python.wasm" "$BUILD/python.wasm"
  local libs; libs=$(cd "$out/lib" && ls *.a | tr '\n' ' ')
  printf '{\n  "python": "%s",\n  "target": "wasm32-wasip1",\n  "key": "%s",\n  "libs": "%s"\n}\n' "$PYVER" "$CHAIN" "$libs" > "$out/kit.json"
}

# the kit's folder name is the chain hash of all steps: known before anything is built
kit_key() {
  local c=$CHAIN f
  for f in do_packages do_sources do_sysroot do_unpack do_native do_deps do_configure do_make do_assemble; do
    c=$( { echo "$c"; declare -f "$f"; } | sha256sum | cut -c1-16)
  done
  echo "$c"
}
KIT=$CACHE/kit/cpython-$(kit_key)
if [[ "${1:-}" == "--dir" ]]; then echo "$KIT"; exit 0; fi
if [[ -f "$KIT/kit.json" ]]; then say "runtime kit: cached at $KIT"; echo "$KIT"; exit 0; fi

step packages do_packages
step sources do_sources
step sysroot do_sysroot
step unpack do_unpack
step native do_native
step deps do_deps
step configure do_configure
step make do_make
step assemble do_assemble
rm -rf "$KIT" && mv "$WORK/out" "$KIT"
say "runtime kit ready: $KIT ($(du -sh "$KIT" | cut -f1))"
echo "$KIT"
