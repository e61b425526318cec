#!/usr/bin/env bash
# The project's test command: installs what the tests need (JDK, Maven, clang/wasi toolchain via the runtime kit
# build, node packages jco and preview2-shim), idempotently and cached outside the repository, then runs every test.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$(date +%s)
say() { printf '[test %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

apt_install() {
  local missing=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  if ((${#missing[@]})); then
    say "apt: installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

command -v java >/dev/null && command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven
command -v node >/dev/null || apt_install nodejs npm
apt_install python3-mypy    # the static bindings tests check the generated stubs with mypy --strict

say "runtime kit (CPython 3.13 for wasm32-wasip1; about 4 min on 2 cores the first time, then cached)"
PIPELINE_KIT=$(bash distro/runtime/build-kit.sh | tail -1); export PIPELINE_KIT
if [[ -f distro/runtime/link-runtime.sh ]]; then
  say "runtime module"
  PIPELINE_RUNTIME=$(bash distro/runtime/link-runtime.sh | tail -1); export PIPELINE_RUNTIME
fi
say "runtime kit for wasm32-wasip2 (target = \"wasip2\"; reuses the wasip1 kit's sources and toolchain, about 4 min the first time)"
PIPELINE_KIT_WASIP2=$(bash distro/runtime/build-kit-wasip2.sh | tail -1); export PIPELINE_KIT_WASIP2
PIPELINE_RUNTIME_WASIP2=$(PIPELINE_KIT=$PIPELINE_KIT_WASIP2 bash distro/runtime/link-runtime.sh | tail -1); export PIPELINE_RUNTIME_WASIP2
command -v curl >/dev/null || apt_install curl
say "extension sources (Debian's original tarballs of markupsafe, genshi, crc32c, msgspec, pyyaml, libyaml, ruamel.yaml.clib)"
PIPELINE_EXT_SOURCES=$(bash scripts/fetch-extension-sources.sh | tail -1); export PIPELINE_EXT_SOURCES
say "Cython (Debian's cython3, unpacked into the cache)"
bash distro/runtime/fetch-cython.sh >/dev/null
say "node packages (jco, preview2-shim)"
PIPELINE_NODE_MODULES=$(bash scripts/setup-node.sh | tail -1); export PIPELINE_NODE_MODULES

say "mvn verify"
mvn -B -Dstyle.color=never verify "$@"
say "all tests passed"
