#!/usr/bin/env bash
#
# bench/run.sh [--quick] - Spool side by side with DBOS Transact and Restate, plus Spool's own
# benchmarks (event stream latency, waiting runs, recovery, the chaos harness, JMH), in one pass.
# Writes bench/results/<date>[-quick]-report.md with PNG charts and the raw results next to it.
#
#   --quick   a few minutes: few rounds, short windows, 10,000 waiting runs, the quick chaos
#             pass (default: full pass)
# The chaos harness (bench/chaos/run.sh alone) starts a redis-server of its own.
#
# Builds the bench module in the reactor (never installs anything into ~/.m2), then sets up the
# peers and removes them afterwards:
#   DBOS      a database and role of its own on the local PostgreSQL (through the postgres
#             superuser), dropped at the end; or set SPOOL_BENCH_PG_URL, SPOOL_BENCH_PG_USER,
#             SPOOL_BENCH_PG_PASSWORD to use a database you made
#   Restate   the server from the npm package @restatedev/restate-server (version pinned in
#             pom.xml, installed once under ~/.cache/spool-bench), run with telemetry off on
#             127.0.0.1 inside a network namespace that has only loopback, with its service
#             endpoint and load client; the namespace is deleted at the end
# A peer whose prerequisites are missing is skipped, with one line saying why in the report.
# Not part of the test command.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
# shellcheck source=lib.sh
source bench/lib.sh # finds java (scripts/lib/java.sh)

mode=()
for a in "$@"; do
  case $a in
    --quick) mode=(--quick) ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$a' (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[bench] %s\n' "$*"; }
started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/spool-bench.XXXXXX")
mkdir -p "$work/logs"
args=()
skip() { log "skipped: $1"; args+=(--skip "$1"); }

ns="" restate_pid="" pg_db="" pg_role="" redis_pid=""
cleanup() {
  set +e
  if [[ -n $redis_pid ]]; then
    kill "$redis_pid" 2>/dev/null
    wait "$redis_pid" 2>/dev/null
  fi
  if [[ -n $restate_pid ]]; then
    kill "$restate_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$restate_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$restate_pid" 2>/dev/null
    wait "$restate_pid" 2>/dev/null
  fi
  [[ -n $ns ]] && ip netns del "$ns" 2>/dev/null
  if [[ -n $pg_db ]]; then
    runuser -u postgres -- psql -qX -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" \
      -c "DROP ROLE IF EXISTS $pg_role" >/dev/null 2>&1
  fi
  spool_bench_keep_logs "$work/logs" bench-logs
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build (reactor only: nothing is installed) -------------------------------------------
spool_bench_build "$work/logs/build.log"

# ---- DBOS: PostgreSQL -----------------------------------------------------------------------
if [[ -n ${SPOOL_BENCH_PG_URL:-} ]]; then
  args+=(--pg-url "$SPOOL_BENCH_PG_URL" --pg-user "${SPOOL_BENCH_PG_USER:-}"
    --pg-password "${SPOOL_BENCH_PG_PASSWORD:-}")
elif ! command -v pg_isready >/dev/null 2>&1 || ! pg_isready -q -h 127.0.0.1 -p "${PGPORT:-5432}"; then
  skip "DBOS: no PostgreSQL accepting connections on 127.0.0.1:${PGPORT:-5432} (or set SPOOL_BENCH_PG_URL)."
elif ! runuser -u postgres -- psql -qXAt -c 'select 1' >/dev/null 2>&1; then
  skip "DBOS: PostgreSQL runs but this user cannot act as its postgres superuser to create a bench database (run as root, or set SPOOL_BENCH_PG_URL/USER/PASSWORD)."
else
  pg_role="spool_bench_$$" pg_db="spool_bench_$$"
  pg_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  runuser -u postgres -- psql -qX -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $pg_role LOGIN PASSWORD '$pg_password'" \
    -c "CREATE DATABASE $pg_db OWNER $pg_role" >/dev/null
  args+=(--pg-url "jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$pg_db" --pg-user "$pg_role"
    --pg-password "$pg_password")
  log "DBOS: database $pg_db on the local PostgreSQL (dropped at the end)"
fi

# ---- Restate: server from npm, in a loopback-only network namespace ----------------------
restate_version=$(sed -n 's:.*<restate-server.version>\(.*\)</restate-server.version>.*:\1:p' pom.xml)
case $(uname -m) in
  x86_64) restate_pkg=linux-x64 ;;
  aarch64 | arm64) restate_pkg=linux-arm64 ;;
  *) restate_pkg="" ;;
esac
restate_dir=${XDG_CACHE_HOME:-$HOME/.cache}/spool-bench/restate-$restate_version
restate_bin=$restate_dir/node_modules/@restatedev/restate-server-$restate_pkg/bin/restate-server
if [[ -n $restate_pkg && ! -x $restate_bin ]] && command -v npm >/dev/null 2>&1; then
  log "Restate: npm install @restatedev/restate-server@$restate_version into $restate_dir"
  mkdir -p "$restate_dir"
  npm install --prefix "$restate_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "@restatedev/restate-server@$restate_version" >"$work/logs/npm.log" 2>&1 || true
fi
if [[ -z $restate_pkg ]]; then
  skip "Restate: no restate-server build for this CPU ($(uname -m))."
elif [[ ! -x $restate_bin ]]; then
  skip "Restate: no restate-server binary (npm missing, or npm install @restatedev/restate-server@$restate_version failed)."
elif ! command -v ip >/dev/null 2>&1; then
  skip "Restate: the 'ip' command (iproute2) is missing, so no loopback-only network namespace can be made."
elif ! ip netns add "spool-bench-$$" 2>"$work/logs/netns.err"; then
  skip "Restate: cannot create a network namespace ($(head -n 1 "$work/logs/netns.err")); it needs root or CAP_NET_ADMIN."
else
  ns="spool-bench-$$"
  ip netns exec "$ns" ip link set lo up
  RESTATE_DISABLE_TELEMETRY=true ip netns exec "$ns" "$restate_bin" --bind-ip 127.0.0.1 \
    --base-dir "$work/restate" --no-logo >"$work/logs/restate-server.log" 2>&1 &
  restate_pid=$!
  args+=(--restate-netns "$ns")
  log "Restate: server $restate_version started (pid $restate_pid) in network namespace $ns"
fi

# ---- Redis: a server of the bench's own on a free loopback port ----------------------------
if [[ ! -d spool-store-redis ]]; then
  args+=(--note "Redis: the Redis store (spool-store-redis) is not on this branch, so there are no Redis variants.")
elif ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-benchmark >/dev/null 2>&1; then
  skip "Redis variants: redis-server or redis-benchmark is not installed (Debian package redis-server, or redis-tools)."
else
  redis_port=""
  for p in $(shuf -i 20000-40000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then redis_port=$p; break; fi
  done
  mkdir -p "$work/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly yes \
    --appendfsync everysec --dir "$work/redis" >"$work/logs/redis-server.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  if redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    args+=(--redis-port "$redis_port")
    log "Redis: redis-server (AOF, fsync every second) on 127.0.0.1:$redis_port"
  else
    skip "Redis variants: redis-server did not start on 127.0.0.1:$redis_port (see bench/target/bench-logs/redis-server.log)."
  fi
fi

# ---- run --------------------------------------------------------------------------------------
log "running $([[ ${#mode[@]} -gt 0 ]] && echo quick || echo full) pass; harness logs in bench/target/bench-logs"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g -Djava.awt.headless=true -cp "$cp" \
  dev.spool.bench.Bench ${mode[@]+"${mode[@]}"} --out "$root/bench/results" --work "$work" \
  ${args[@]+"${args[@]}"}
log "done in $(($(date +%s) - started)) s"
