#!/usr/bin/env bash
# Builds and runs Spool's benchmarks; prints their figures. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/java.sh
spool_find_java || exit 1
./mvnw -q -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -Pbench -pl bench -am install >/dev/null
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
./mvnw -q -B -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$cp" dev.spool.bench.StepOverhead "$@"
