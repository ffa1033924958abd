package dev.spool.store.redis.internal;

import dev.spool.store.LimitStore;
import dev.spool.store.Micros;
import dev.spool.store.TokenMath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Shared limits, each in its own hash tag so limits spread over a cluster: a take, a hold and a
 * slot change are each one script. The bucket arithmetic is {@link TokenMath}'s, done in Lua with
 * the same IEEE double operations in the same order, so Redis answers what the other stores do.
 * Limit keys expire when unused for long (a bucket untouched for a period is full again anyway).
 */
public final class Limits implements LimitStore {
  private static final Duration MIN_KEEP = Duration.ofDays(1);

  private final Redis redis;

  public Limits(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Duration tryTake(String key, long cost, long capacity, Duration period, Instant now) {
    TokenMath.check(cost, capacity, period);
    Duration keep =
        period.multipliedBy(2).compareTo(MIN_KEEP) > 0 ? period.multipliedBy(2) : MIN_KEEP;
    List<Object> r =
        redis.eval(
            Script.TAKE,
            redis.layout().limit(key),
            List.of(
                Long.toString(cost),
                Long.toString(capacity),
                Long.toString(period.toNanos()),
                Micros.str(now),
                Integer.toString(now.getNano() % 1000),
                Long.toString(keep.toMillis())),
            "take from bucket " + key);
    if (Codec.is(r, "ok")) {
      return Duration.ZERO;
    }
    long n = Long.parseLong(Codec.str(r, 1));
    return Codec.is(r, "hold") ? Duration.ofNanos(n * 1000) : Duration.ofMillis(n);
  }

  @Override
  public void holdUntil(String key, Instant until) {
    redis.eval(
        Script.HOLD,
        redis.layout().limit(key),
        List.of(Micros.str(until), Long.toString(keepUntil(until))),
        "hold bucket " + key);
  }

  @Override
  public boolean acquireSlot(String key, int max, String holder, Instant expiresAt, Instant now) {
    if (max < 1) {
      throw new IllegalArgumentException("a slot limit must be >= 1, got " + max);
    }
    List<Object> r =
        redis.eval(
            Script.SLOT,
            redis.layout().limit(key),
            List.of(
                Integer.toString(max),
                holder,
                Micros.str(expiresAt),
                Micros.str(now),
                Long.toString(keepUntil(expiresAt))),
            "acquire slot " + key);
    return Codec.is(r, "1");
  }

  @Override
  public void releaseSlot(String key, String holder) {
    redis
        .connection()
        .await(redis.cmd().zrem(redis.layout().limit(key) + "s", holder), "release slot " + key);
  }

  /** Key ttl ms: until the given time by this machine's clock, plus a day. */
  private static long keepUntil(Instant t) {
    long left = t.toEpochMilli() - System.currentTimeMillis();
    return Math.max(0, left) + MIN_KEEP.toMillis();
  }
}
