package dev.spool.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The shared-limit role of a store: token buckets, holds and concurrency slots that every process
 * on the same store obeys together (the LLM layer's rate limits). Each operation is atomic across
 * every client of the store.
 */
public interface LimitStore {

  /**
   * Takes {@code cost} tokens from the token bucket {@code key}, if it holds them. The bucket holds
   * up to {@code capacity} tokens (it starts full) and refills continuously at {@code capacity} per
   * {@code period}. While the bucket is held ({@link #holdUntil}), nothing is taken. Atomic across
   * every client of the store.
   *
   * @return zero if the tokens were taken; otherwise how long until they could be (nothing taken)
   * @throws IllegalArgumentException if {@code cost} exceeds {@code capacity} or is not positive
   */
  Duration tryTake(String key, long cost, long capacity, Duration period, Instant now);

  /**
   * Holds the bucket {@code key} until {@code until}: every take answers the wait until then (a
   * provider said 429 with Retry-After). Extends an earlier hold, never shortens it.
   */
  void holdUntil(String key, Instant until);

  /**
   * Takes one of at most {@code max} concurrency slots of {@code key} for {@code holder} until
   * {@code expiresAt} (so a dead holder's slot frees itself). Taking a slot the holder already has
   * renews it.
   *
   * @return true if the holder has the slot now
   */
  boolean acquireSlot(String key, int max, String holder, Instant expiresAt, Instant now);

  /** Gives back {@code holder}'s slot of {@code key}; nothing if it holds none. */
  void releaseSlot(String key, String holder);
}
