package dev.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param leaseTtl how long a claim lasts without a heartbeat
 * @param heartbeatEvery how often a worker renews the leases it holds
 * @param suspendAfter durable sleeps and signal waits longer than this release the worker
 * @param maxRecoveries how many times the reaper requeues a run whose worker was lost before it
 *     fails the run instead
 * @param controlPollEvery how often a worker asks the store about cancel requests and signals for
 *     the runs it holds, and (four times slower, at most once a second) reaps expired leases
 */
public record EngineOptions(
    Duration leaseTtl,
    Duration heartbeatEvery,
    Duration suspendAfter,
    int maxRecoveries,
    Duration controlPollEvery) {
  public EngineOptions {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
    Objects.requireNonNull(suspendAfter, "suspendAfter");
    Objects.requireNonNull(controlPollEvery, "controlPollEvery");
    if (heartbeatEvery.compareTo(leaseTtl) >= 0) {
      throw new IllegalArgumentException(
          "heartbeat interval "
              + heartbeatEvery
              + " must be shorter than the lease ttl "
              + leaseTtl);
    }
    if (maxRecoveries < 0) {
      throw new IllegalArgumentException("maxRecoveries must be >= 0, got " + maxRecoveries);
    }
    if (!controlPollEvery.isPositive()) {
      throw new IllegalArgumentException("control poll interval must be positive");
    }
  }

  public static EngineOptions defaults() {
    return new EngineOptions(
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        5,
        Duration.ofMillis(250));
  }

  /** How often the reaper looks for expired leases. */
  public Duration reapEvery() {
    Duration d = controlPollEvery.multipliedBy(4);
    return d.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : d;
  }
}
