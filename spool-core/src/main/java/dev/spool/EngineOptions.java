package dev.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param leaseTtl how long a claim lasts without a heartbeat
 * @param heartbeatEvery how often a worker renews the leases it holds
 * @param suspendAfter durable sleeps longer than this release the worker until they end
 */
public record EngineOptions(Duration leaseTtl, Duration heartbeatEvery, Duration suspendAfter) {
  public EngineOptions {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
    Objects.requireNonNull(suspendAfter, "suspendAfter");
    if (heartbeatEvery.compareTo(leaseTtl) >= 0) {
      throw new IllegalArgumentException(
          "heartbeat interval "
              + heartbeatEvery
              + " must be shorter than the lease ttl "
              + leaseTtl);
    }
  }

  public static EngineOptions defaults() {
    return new EngineOptions(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }
}
