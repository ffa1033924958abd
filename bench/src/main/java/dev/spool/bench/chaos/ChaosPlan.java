package dev.spool.bench.chaos;

/**
 * How big a chaos pass is. Runs are started at an even pace over the window, alternating the API
 * servers; chaos (worker kills, one Redis restart) happens only inside the window.
 *
 * @param label {@code quick} or {@code full}
 * @param windowSeconds how long runs are started and workers killed
 * @param stepsRuns how many {@code chaos-steps} runs
 * @param steps steps per {@code chaos-steps} run
 * @param stepMillis how long each step sleeps
 * @param llmRuns how many {@code chaos-llm} runs
 * @param seed seeds every random choice of the harness (kill times, victims, drops, servers)
 * @param settleSeconds how long, after the window, runs may take to finish
 */
record ChaosPlan(
    String label,
    int windowSeconds,
    int stepsRuns,
    int steps,
    int stepMillis,
    int llmRuns,
    long seed,
    int settleSeconds) {

  static final int WORKERS = 3;
  static final int APIS = 2;
  static final String LEASE_TTL = "3s";
  static final int MAX_RECOVERIES = 5;
  static final int KILL_MIN_MILLIS = 3_000;
  static final int KILL_MAX_MILLIS = 6_000;
  static final int REDIS_PAUSE_MILLIS = 4_000;
  static final int FAKE_TOKENS_PER_SECOND = 40;
  static final int FAKE_WORDS = 40;

  static ChaosPlan quick(long seed) {
    return new ChaosPlan("quick", 60, 60, 20, 100, 30, seed, 180);
  }

  static ChaosPlan full(long seed) {
    return new ChaosPlan("full", 300, 300, 20, 100, 150, seed, 300);
  }

  ChaosPlan withWindow(int seconds) {
    return new ChaosPlan(
        label, seconds, stepsRuns, steps, stepMillis, llmRuns, seed, settleSeconds);
  }

  int runs() {
    return stepsRuns + llmRuns;
  }

  int workers() {
    return WORKERS;
  }

  int apis() {
    return APIS;
  }

  String leaseTtl() {
    return LEASE_TTL;
  }

  int maxRecoveries() {
    return MAX_RECOVERIES;
  }
}
