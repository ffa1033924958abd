package dev.spool.client.internal;

import dev.spool.client.ReconnectPolicy;
import dev.spool.client.RunResult;
import dev.spool.client.SpoolClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a run's result with the server's long poll ({@code ?wait=}), in rounds no longer than
 * {@link #ROUND}, riding out lost connections and server errors as the reconnect policy says.
 */
public final class ResultWaiter {
  /** One long poll: well under the server's maximum and any proxy's idle limit. */
  static final Duration ROUND = Duration.ofSeconds(30);

  private static final Duration FOREVER = Duration.ofDays(36_500);

  private final Transport transport;
  private final ReconnectPolicy policy;
  private final Duration requestTimeout;

  public ResultWaiter(Transport transport, ReconnectPolicy policy, Duration requestTimeout) {
    this.transport = transport;
    this.policy = policy;
    this.requestTimeout = requestTimeout;
  }

  /** The result once the run has finished, or empty if it has not within {@code maxWait}. */
  public Optional<RunResult> await(String runId, Duration maxWait) {
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    // Capped so the arithmetic cannot overflow; a century is "forever" for a run's result.
    Duration wait = maxWait.compareTo(FOREVER) > 0 ? FOREVER : maxWait;
    long deadline = System.nanoTime() + wait.toNanos();
    Reconnects reconnects = new Reconnects(policy);
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Duration round = left.compareTo(ROUND) < 0 ? left : ROUND;
      long millis = round.toMillis();
      String path = Paths.run(runId) + "/result?wait=" + millis + "ms";
      Reply reply;
      try {
        reply = transport.get(path, round.plus(requestTimeout));
      } catch (SpoolClientException e) {
        if (!(e.getCause() instanceof IOException io)) {
          throw e;
        }
        if (!Failures.isConnectFailure(io)) {
          reconnects.contacted();
        }
        retryOrThrow(reconnects, e, Optional.empty(), deadline);
        continue;
      }
      reconnects.alive();
      if (reply.status() == 200) {
        return Optional.of(Wire.result(reply));
      }
      if (reply.status() == 202) {
        reconnects.progressed();
        if (System.nanoTime() - deadline >= 0) {
          return Optional.empty();
        }
        continue;
      }
      if (Reconnects.isTransient(reply.status())) {
        retryOrThrow(
            reconnects, Failures.of(reply), Reconnects.retryAfter(reply.headers()), deadline);
        continue;
      }
      throw Failures.of(reply);
    }
  }

  /** Sleeps before the next try, or throws {@code failure} when the policy or the wait is over. */
  private static void retryOrThrow(
      Reconnects reconnects,
      SpoolClientException failure,
      Optional<Duration> retryAfter,
      long deadline) {
    Optional<Duration> delay = reconnects.next(retryAfter);
    if (delay.isEmpty() || System.nanoTime() + delay.get().toNanos() - deadline > 0) {
      throw failure;
    }
    try {
      Thread.sleep(delay.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpoolClientException("interrupted while waiting for a run's result", e);
    }
  }
}
