#!/usr/bin/env bash
# Fuzz figures: mutated inputs for the WIT parser, the core-module reader, the component decoder and the recipe
# loader (bench/Fuzz.java), then random worlds with random values round-tripping through built components in node
# (distro's RandomWorldEcho, if WORLDS > 0). Prints one line of counts per reader: inputs, accepted, clean errors,
# foreign exceptions, hangs, wrong results (the last three should be 0); inputs that were not clean are kept
# and named.
#
# Usage: bench/fuzz.sh [COUNT] [WORLDS] [SEED]     defaults: 100000 inputs per reader, 200 worlds, seed 1
# Env:   ECHO_INIT=none builds the random worlds without pre-initialisation (faster); default: alternate
set -euo pipefail
COUNT=${1:-100000}
WORLDS=${2:-200}
SEED=${3:-1}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NM=$(bash "$ROOT/scripts/setup-node.sh" | tail -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "building the classpath..." >&2
(cd "$ROOT" && mvn -q -B -pl host -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >&2)
CP=$ROOT/host/target/classes:$(ls -d $ROOT/pipeline-api/*/target/classes | tr "\n" :):$(cat "$WORK/cp.txt")
status=0
if (( COUNT > 0 )); then
java -Xss16m ${JAVA_OPTS:-} -cp "$CP" "$ROOT/bench/Fuzz.java" "$COUNT" "$SEED" \
  "$ROOT/pipeline-api/wit/src/test/resources/wit" "$NM/@bytecodealliance/jco/lib/wit/builtin/0.2.12" \
  "$NM/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm" \
  "$NM/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm" \
  "$ROOT/examples" "$ROOT/distro/src/test/resources" || status=1
fi

if (( WORLDS > 0 )); then
  # random worlds: each built by bin/pipeline (init alternating chicory / none), then called from node with random
  # values (RandomWorldEchoTest, the suite's small version of this)
  echo "random worlds: $WORLDS worlds, built and called in node..." >&2
  export PIPELINE_KIT=${PIPELINE_KIT:-$(bash "$ROOT/distro/runtime/build-kit.sh" | tail -1)}
  export PIPELINE_RUNTIME=${PIPELINE_RUNTIME:-$(bash "$ROOT/distro/runtime/link-runtime.sh" | tail -1)}
  export PIPELINE_NODE_MODULES=$NM
  (cd "$ROOT" && mvn -B -pl distro -am verify -Dtest=RandomWorldEchoTest -Dsurefire.failIfNoSpecifiedTests=false \
     -Decho.worlds="$WORLDS" -Decho.rounds=20 -Decho.seed="$SEED" ${ECHO_INIT:+-Decho.init=$ECHO_INIT} > "$WORK/echo.log" 2>&1) || status=1
  grep -E "^(ECHO-TOTAL|world [0-9]+|FAIL )" "$WORK/echo.log" | head -40 || { tail -40 "$WORK/echo.log"; status=1; }
fi
exit $status
