# shellcheck shell=bash
#
# Sourced by bench/run.sh and bench/chaos/run.sh from the repository root: finds the JDK (sets
# JAVA, or exits), and holds what both do before and after their harness runs.

# shellcheck source=../scripts/lib/java.sh
source scripts/lib/java.sh
spool_find_java || exit 1

# Builds bench and the modules it needs in the reactor (never installs anything into ~/.m2), with
# the build's output in $1; on failure shows its end and exits 1. Sets cp to the harness class path.
spool_bench_build() {
  local build_log=$1
  log "building bench and the modules it needs (./mvnw -Pbench -pl bench -am package)"
  if ! ./mvnw -q -B -Dstyle.color=never -DskipTests -Pbench -pl bench -am package \
    >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    echo "$0: build failed (log above)" >&2
    exit 1
  fi
  cp="$PWD/bench/target/classes:$(cat bench/target/classpath.txt)"
  # Runs blocked in HTTP calls hold a socket each: allow as many files as permitted.
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# Keeps the logs folder $1 of a pass as bench/target/$2, replacing the last pass's.
spool_bench_keep_logs() {
  rm -rf "bench/target/$2"
  mkdir -p bench/target
  cp -r "$1" "bench/target/$2" 2>/dev/null
}
