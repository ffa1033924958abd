package dev.spool.bench;

import java.util.List;

/**
 * How much of each benchmark a pass runs: {@code --quick} (a few minutes, to check the harness and
 * get rough figures) or the full pass (the figures to quote).
 */
record Plan(
    String label,
    int rounds,
    int latencyWarmup,
    int latencyRuns,
    List<Integer> concurrency,
    double throughputWarmupSeconds,
    double throughputSeconds,
    List<Integer> sseSubscribers,
    int sseRounds,
    int sseWarmupEvents,
    int sseEvents,
    List<Integer> waitingSleep,
    List<Integer> waitingHttp,
    int waitingHoldSeconds,
    int recoveryDefaultTrials,
    int recoveryShortTrials,
    String recoveryShortTtl,
    List<String> jmh) {

  static final int STEPS = 10;
  static final int SSE_INTERVAL_MS = 20;

  static Plan quick() {
    return new Plan(
        "quick",
        2,
        20,
        60,
        List.of(1, 16, 256),
        1,
        2,
        List.of(1, 100, 1000),
        1,
        5,
        30,
        List.of(10_000),
        List.of(10_000),
        16,
        1,
        1,
        "2s",
        List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "2", "-r", "1s", "-p", "steps=10"));
  }

  static Plan full() {
    return new Plan(
        "full",
        3,
        50,
        200,
        List.of(1, 16, 256),
        2,
        8,
        List.of(1, 100, 1000),
        2,
        20,
        100,
        List.of(1_000, 10_000, 100_000),
        List.of(1_000, 10_000, 100_000),
        20,
        3,
        5,
        "2s",
        List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s"));
  }
}
