#!/usr/bin/env bash
# Benchmark of native extensions (extensions = "linked") and of leaving out unused built-in modules:
#  1. per extension module, the bytes it adds to the runtime module (each linked alone, builtins = "all");
#  2. per extension, the cost of one call of its C function against the package's pure-Python fallback (or the
#     stdlib equivalent), measured inside one component running in node (jco);
#  3. the size of examples/hello with builtins = "trim" and "all", beside ComponentizeJS's hello.
# Usage: bench/extensions.sh [CALLS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLS=${1:-2000}
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
SRC=$(bash "$ROOT/scripts/fetch-extension-sources.sh" | tail -1)/src
DEB=$(dirname "$SRC")/deb/usr/lib/python3/dist-packages
WORK=$(dirname "$NM")/bench-extensions
rm -rf "$WORK" && mkdir -p "$WORK"
"$ROOT/pipeline" --version >/dev/null

# one table per extension: name|python-path entry|module table body
EXTS=(
"markupsafe|$SRC/MarkupSafe-2.1.5/src|name = \"markupsafe._speedups\"
sources = [\"$SRC/MarkupSafe-2.1.5/src/markupsafe/_speedups.c\"]"
"genshi|$SRC/genshi-0.7.9|name = \"genshi._speedups\"
sources = [\"$SRC/genshi-0.7.9/genshi/_speedups.c\"]"
"crc32c|$SRC/ICRAR-crc32c-6d3a422/src|name = \"crc32c._crc32c\"
sources = [\"$SRC/ICRAR-crc32c-6d3a422/src/crc32c/ext/_crc32c.c\", \"$SRC/ICRAR-crc32c-6d3a422/src/crc32c/ext/crc32c_sw.c\", \"$SRC/ICRAR-crc32c-6d3a422/src/crc32c/ext/crc32c_adler.c\"]
include-dirs = [\"$SRC/ICRAR-crc32c-6d3a422/src/crc32c/ext\"]
defines = [\"NDEBUG\"]"
"msgspec|$SRC/python-msgspec-0.19.0|name = \"msgspec._core\"
sources = [\"$SRC/python-msgspec-0.19.0/msgspec/_core.c\"]"
"pyyaml|$SRC/pyyaml-6.0.2/lib|name = \"yaml._yaml\"
sources = [\"$SRC/pyyaml-6.0.2/yaml/_yaml.pyx\", $(for f in api dumper emitter loader parser reader scanner writer; do printf '"%s", ' "$SRC/libyaml-0.2.5/src/$f.c"; done)]
include-dirs = [\"$SRC/libyaml-0.2.5/include\"]
defines = [\"YAML_VERSION_MAJOR=0\", \"YAML_VERSION_MINOR=2\", \"YAML_VERSION_PATCH=5\", \"YAML_VERSION_STRING=\\\"0.2.5\\\"\"]"
"ruamel|$DEB|name = \"_ruamel_yaml\"
sources = [$(for f in _ruamel_yaml api dumper emitter loader parser reader scanner writer; do printf '"%s", ' "$SRC/ruamel.yaml.clib-0.2.12+ds/$f.c"; done)]"
)

cat > "$WORK/bench.wit" <<'WIT'
package bench:ext;
world bench {
    export run: func(name: string, calls: u32) -> string;
}
WIT
cat > "$WORK/app.py" <<'PY'
import importlib
import sys
import time

import wit_world

TEXT = "<a href='x'>Tom & \"Jerry\"</a> " * 2
DATA = bytes(range(64))
DOC = {"name": "bench", "items": [1, 2.5, "three", None, True], "nested": {"a": [1, 2, 3], "b": "x" * 16}}


def per_call(fn, calls):
    """Microseconds per call: the best of three rounds (the first ones include the engine's tier-up)."""
    best = None
    for _ in range(3):
        t0 = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        t = (time.perf_counter_ns() - t0) / calls / 1000.0
        best = t if best is None else min(best, t)
    return best


def crc32c_py(data, crc=0):
    table = crc32c_py.table
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _table():
    out = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        out.append(c)
    return out


crc32c_py.table = _table()


def markupsafe(calls):
    import markupsafe._native as native
    import markupsafe._speedups as speedups
    return per_call(lambda: speedups.escape(TEXT), calls), per_call(lambda: native.escape(TEXT), calls)


def genshi(calls):
    import genshi.core
    c = genshi.core.Markup(TEXT + "<b>x</b>")
    sys.modules["genshi._speedups"] = None
    importlib.reload(genshi.core)
    p = genshi.core.Markup(TEXT + "<b>x</b>")
    return per_call(c.striptags, calls), per_call(p.striptags, calls)


def crc32c(calls):
    import crc32c
    assert crc32c.crc32c(DATA) == crc32c_py(DATA)
    return per_call(lambda: crc32c.crc32c(DATA), calls), per_call(lambda: crc32c_py(DATA), calls)


def msgspec(calls):
    import json
    import msgspec
    return per_call(lambda: msgspec.json.encode(DOC), calls), per_call(lambda: json.dumps(DOC), calls)


def pyyaml(calls):
    import yaml
    text = yaml.dump(DOC)
    return (per_call(lambda: yaml.load(text, Loader=yaml.CSafeLoader), calls // 10),
            per_call(lambda: yaml.load(text, Loader=yaml.SafeLoader), calls // 10))


def ruamel(calls):
    import io
    from ruamel.yaml import YAML
    text = "name: bench\nitems: [1, 2.5, three, null, true]\nnested: {a: [1, 2, 3], b: xxxxxxxxxxxxxxxx}\n"
    c, p = YAML(typ="safe", pure=False), YAML(typ="safe", pure=True)
    return per_call(lambda: c.load(text), calls // 10), per_call(lambda: p.load(text), calls // 10)


class WitWorld(wit_world.WitWorld):
    def run(self, name: str, calls: int) -> str:
        c, p = globals()[name](calls)
        return "%.2f %.2f" % (c, p)
PY

split() { name=${1%%|*}; local rest=${1#*|}; pp=${rest%%|*}; table=${rest#*|}; }
build() { # build DIR: recipe in DIR
  "$ROOT/pipeline" run -q "$1/recipe.toml" >&2
}
recipe() { # recipe DIR BUILTINS PYTHONPATH... ; module tables come on stdin
  local dir=$1 builtins=$2; shift 2
  mkdir -p "$dir" && cp "$WORK/bench.wit" "$WORK/app.py" "$dir/"
  { printf '[app]\nmodule = "app"\npython-path = ["."'; for p in "$@"; do printf ', "%s"' "$p"; done
    printf ']\nwit = "bench.wit"\nworld = "bench"\noutput = "build/bench.wasm"\n\n[pipeline]\nextensions = "linked"\n\n'
    printf '[stages.extensions]\nbuiltins = "%s"\n' "$builtins"
    cat; } > "$dir/recipe.toml"
}

PP=("$SRC/MarkupSafe-2.1.5/src" "$SRC/genshi-0.7.9" "$SRC/ICRAR-crc32c-6d3a422/src" "$SRC/python-msgspec-0.19.0"
    "$SRC/pyyaml-6.0.2/lib" "$DEB")
echo "== size each extension adds (its package built with extensions = \"none\" and with the module linked; builtins = \"all\")" >&2
declare -A ADDED
for e in "${EXTS[@]}"; do
  split "$e"
  for mode in none linked; do
    printf '\n[[stages.extensions.module]]\n%s\n' "$table" | recipe "$WORK/size-$name-$mode" all "$pp" "$DEB"
    if [[ $mode == none ]]; then  # the same recipe without the module tables
      sed -i '/^\[\[stages.extensions.module\]\]/,$d; s/^extensions = "linked"/extensions = "none"/' "$WORK/size-$name-$mode/recipe.toml"
    fi
    sed -i 's/^\(extensions = .*\)$/\1\ninit = "none"/' "$WORK/size-$name-$mode/recipe.toml"
    build "$WORK/size-$name-$mode"
  done
  ADDED[$name]=$(( ($(stat -c %s "$WORK/size-$name-linked/build/bench.wasm") - $(stat -c %s "$WORK/size-$name-none/build/bench.wasm")) / 1024 ))
done

echo "== call cost (all extensions in one component)" >&2
{ for e in "${EXTS[@]}"; do split "$e"; printf '\n[[stages.extensions.module]]\n%s\n' "$table"; done; } \
  | recipe "$WORK/all" trim "${PP[@]}"
# imported under computed names (six.moves) or from C (msgspec._core); ruamel is a namespace package, which the
# import DAG does not follow: the app carries it as a regular package
printf '\n[stages.packaging]\ninclude = ["markupsafe._native", "json", "yaml", "html.parser", "html.entities", "datetime",
  "decimal", "enum", "inspect", "re", "types", "typing", "uuid", "msgspec._utils"]\n' >> "$WORK/all/recipe.toml"
mkdir -p "$WORK/all/ruamel" && cp -r "$DEB/ruamel/yaml" "$WORK/all/ruamel/" && touch "$WORK/all/ruamel/__init__.py"
build "$WORK/all"
cat > "$WORK/calls.mjs" <<JS
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
const { files } = await transpile(readFileSync('$WORK/all/build/bench.wasm'), { name: 'bench' });
const out = resolve('$WORK/js');
for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
writeFileSync(join(out, 'package.json'), '{"type":"module"}');
const m = await import(join(out, 'bench.js'));
for (const name of process.argv.slice(2)) console.log(name + ' ' + m.run(name, $CALLS));
JS
CALLS_OUT=$(cd "$(dirname "$NM")" && node "$WORK/calls.mjs" markupsafe genshi crc32c msgspec pyyaml ruamel)

echo "== hello with and without unused built-in modules" >&2
declare -A HELLO
for b in trim all; do
  P=$WORK/hello-$b && cp -r "$ROOT/examples/hello" "$P" && rm -rf "$P/build"
  printf '\n[stages.extensions]\nbuiltins = "%s"\n' "$b" >> "$P/recipe.toml"
  build "$P"
  HELLO[$b]=$(stat -c %s "$P/build/hello.wasm")
done
cp "$ROOT/bench/componentize-js-hello.mjs" "$(dirname "$NM")/" && (cd "$(dirname "$NM")" && node componentize-js-hello.mjs "$WORK/cjs-hello.wasm" 2>/dev/null)

printf '\n%-12s %12s %14s %16s %8s\n' "extension" "adds KiB" "C call us" "fallback us" "speedup"
while read -r name c p; do
  printf '%-12s %12s %14s %16s %8s\n' "$name" "${ADDED[$name]}" "$c" "$p" "$(awk -v c="$c" -v p="$p" 'BEGIN{printf "%.1fx", p/c}')"
done <<< "$CALLS_OUT"
echo "(fallbacks: markupsafe._native.escape, genshi's pure-Python Markup.striptags, a table-driven CRC-32C in Python,"
echo " json.dumps for msgspec.json.encode, yaml.SafeLoader for CSafeLoader, ruamel pure=True for the C parser)"
printf '\n%-34s %12s\n' "hello component" "size KiB"
printf '%-34s %12s\n' "pipeline, builtins = \"trim\"" "$(( HELLO[trim] / 1024 ))" "pipeline, builtins = \"all\"" "$(( HELLO[all] / 1024 ))" \
  "ComponentizeJS" "$(( $(stat -c %s "$WORK/cjs-hello.wasm") / 1024 ))"
echo "(machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
