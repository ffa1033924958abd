package dev.spool.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The idle timers of the step attempts that have an idle timeout, keyed by attempt path: each holds
 * the attempt's last sign of life ({@code ctx.heartbeat()}, or a step called or finished below it).
 * A sign anywhere below an attempt counts for it: a parent is alive while its children work.
 *
 * <p>Not the worker's heartbeat, which renews the leases of the runs it holds.
 */
final class IdleTimers {
  private final Map<String, AtomicLong> lastSign = new ConcurrentHashMap<>();

  /** Starts the timer of an attempt; the returned value is its last sign of life, in nanos. */
  AtomicLong start(String attemptPath) {
    AtomicLong sign = new AtomicLong(System.nanoTime());
    lastSign.put(attemptPath, sign);
    return sign;
  }

  void stop(String attemptPath) {
    lastSign.remove(attemptPath);
  }

  /** Something at {@code path} showed it is alive: restarts the timers of the attempts above it. */
  void signOfLife(String path) {
    if (lastSign.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    lastSign.forEach(
        (watched, sign) -> {
          if (path.startsWith(watched)) {
            sign.set(now);
          }
        });
  }
}
