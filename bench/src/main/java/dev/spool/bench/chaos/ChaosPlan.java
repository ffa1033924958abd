package dev.spool.bench.chaos;

/**
 * How big and how rough a chaos pass is; the report shows it as it is. Runs are started at an even
 * pace over the window, alternating the API servers; chaos (worker kills, one Redis restart)
 * happens only inside the window.
 *
 * @param label {@code quick} or {@code full}
 * @param windowSeconds how long runs are started and workers killed
 * @param stepsRuns how many {@code chaos-steps} runs
 * @param steps steps per {@code chaos-steps} run
 * @param stepMillis how long each step sleeps
 * @param llmRuns how many {@code chaos-llm} runs
 * @param seed seeds every random choice of the harness (kill times, victims, drops, servers)
 * @param settleSeconds how long, after the window, runs may take to finish
 * @param workers {@code spool worker} processes kept up
 * @param apis {@code spool api} processes
 * @param leaseTtl the workers' {@code --lease-ttl}
 * @param maxRecoveries the workers' {@code --max-recoveries}
 * @param killMinMillis shortest time between two worker kills
 * @param killMaxMillis longest time between two worker kills
 * @param redisPauseMillis how long Redis stays dead before its restart
 * @param fakeTokensPerSecond the fake LLM's pace
 * @param fakeWords words in each fake reply (one token each)
 */
record ChaosPlan(
    String label,
    int windowSeconds,
    int stepsRuns,
    int steps,
    int stepMillis,
    int llmRuns,
    long seed,
    int settleSeconds,
    int workers,
    int apis,
    String leaseTtl,
    int maxRecoveries,
    int killMinMillis,
    int killMaxMillis,
    int redisPauseMillis,
    int fakeTokensPerSecond,
    int fakeWords) {

  static ChaosPlan quick(long seed) {
    return of("quick", 60, 60, 30, seed, 180);
  }

  static ChaosPlan full(long seed) {
    return of("full", 300, 300, 150, seed, 300);
  }

  /** The same with another window. */
  ChaosPlan withWindow(int seconds) {
    return of(label, seconds, stepsRuns, llmRuns, seed, settleSeconds);
  }

  /**
   * Redis stays down 4 s, past the 3 s lease ttl, so leases expire during the outage and the
   * reapers race the runs' own, still living, workers once it is back.
   */
  private static ChaosPlan of(
      String label, int window, int stepsRuns, int llmRuns, long seed, int settle) {
    return new ChaosPlan(
        label, window, stepsRuns, 20, 100, llmRuns, seed, settle, 3, 2, "3s", 5, 3_000, 6_000,
        4_000, 40, 40);
  }
}
