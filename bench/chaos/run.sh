#!/usr/bin/env bash
#
# bench/chaos/run.sh [--quick] [--seconds N] [--seed N] - the chaos harness on its own: three
# `spool worker` and two `spool api` processes on one redis-server (AOF, appendfsync always),
# hundreds of `chaos-steps` and LLM-streaming runs started through the API, a worker killed with
# SIGKILL every 3-6 s, Redis killed and restarted once, an SSE client per run that drops and
# resumes. Writes bench/results/<date>[-quick]-chaos.md and .json.
#
#   --quick       60 s window, 60 steps runs + 30 LLM runs (default: 300 s, 300 + 150)
#   --seconds N   the chaos window in seconds (the run counts stay those of the mode)
#   --seed N      seeds kill times, victims, client drops and servers (default: fixed)
#
# Exits 1 if a must-be-0 count is not 0 or a started run did not complete (or the build failed),
# 2 if the harness itself failed. Builds the bench module in the reactor (never installs anything
# into ~/.m2); process logs, ledgers and stored streams are kept in bench/target/chaos-logs.
# bench/run.sh runs the same harness as one suite of its pass.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
# shellcheck source=../lib.sh
source bench/lib.sh # finds java (scripts/lib/java.sh)

args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) args+=(--quick) ;;
    --seconds | --seed)
      [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "bench/chaos/run.sh: $1 needs a whole number" >&2; exit 2; }
      args+=("$1" "$2")
      shift
      ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/chaos/run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[chaos] %s\n' "$*"; }
if ! command -v redis-server >/dev/null 2>&1; then
  echo "bench/chaos/run.sh: redis-server is not installed (Debian package redis-server)" >&2
  exit 2
fi
export REDIS_SERVER=${REDIS_SERVER:-$(command -v redis-server)}

work=$(mktemp -d "${TMPDIR:-/tmp}/spool-chaos.XXXXXX")
cleanup() {
  spool_bench_keep_logs "$work/logs" chaos-logs
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/logs"
spool_bench_build "$work/logs/build.log"

log "running; process logs and ledgers end up in bench/target/chaos-logs"
status=0
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -Djava.awt.headless=true -cp "$cp" \
  dev.spool.bench.chaos.ChaosHarness ${args[@]+"${args[@]}"} --out "$root/bench/results" \
  --work "$work" || status=$?
exit "$status"
