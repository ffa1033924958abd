package dev.spool.store.memory;

import dev.spool.store.LimitStore;
import dev.spool.store.TokenMath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets, holds and concurrency slots held in this process: the limit role of {@link
 * MemoryRunStore}, and on its own the limits of one process that shares them with no other ({@code
 * Llm.builder()}). A lock of its own keeps rate limiting from waiting on run writes.
 */
public final class MemoryLimits implements LimitStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final Map<String, Instant> holds = new HashMap<>();
  private final Map<String, Map<String, Instant>> slots = new HashMap<>();

  /** Tokens as of {@code at}, refilled continuously up to the capacity. */
  private record Bucket(double tokens, Instant at) {}

  @Override
  public Duration tryTake(String key, long cost, long capacity, Duration period, Instant now) {
    TokenMath.check(cost, capacity, period);
    lock.lock();
    try {
      Instant hold = holds.get(key);
      if (hold != null && hold.isAfter(now)) {
        return Duration.between(now, hold);
      }
      Bucket b = buckets.getOrDefault(key, new Bucket(capacity, now));
      double tokens = TokenMath.refill(b.tokens(), b.at(), now, capacity, period);
      if (tokens >= cost) {
        buckets.put(key, new Bucket(tokens - cost, now.isAfter(b.at()) ? now : b.at()));
        return Duration.ZERO;
      }
      return TokenMath.waitFor(cost - tokens, capacity, period);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void holdUntil(String key, Instant until) {
    lock.lock();
    try {
      holds.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean acquireSlot(String key, int max, String holder, Instant expiresAt, Instant now) {
    if (max < 1) {
      throw new IllegalArgumentException("a slot limit must be >= 1, got " + max);
    }
    lock.lock();
    try {
      Map<String, Instant> held = slots.computeIfAbsent(key, k -> new HashMap<>());
      held.values().removeIf(exp -> !exp.isAfter(now));
      if (held.containsKey(holder) || held.size() < max) {
        held.put(holder, expiresAt);
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releaseSlot(String key, String holder) {
    lock.lock();
    try {
      Map<String, Instant> held = slots.get(key);
      if (held != null) {
        held.remove(holder);
      }
    } finally {
      lock.unlock();
    }
  }
}
