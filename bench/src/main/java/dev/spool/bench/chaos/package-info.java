/**
 * The chaos harness ({@code bench/chaos/run.sh}, also a suite of {@code bench/run.sh}): worker and
 * API processes on one Redis, workers killed with SIGKILL, Redis killed and restarted, SSE clients
 * that drop and resume; then every run, stream, ledger line and output checked.
 */
package dev.spool.bench.chaos;
