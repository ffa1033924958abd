package dev.spool.llm.internal;

import dev.spool.llm.LlmEvents;
import dev.spool.llm.LlmProvider;
import dev.spool.llm.ProviderLimits;
import dev.spool.llm.RateLimit;
import dev.spool.store.LimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A provider's limits, kept in the run store so that every worker of the store obeys them together:
 * token buckets {@code llm:<provider>:rpm} and {@code :tpm}, a hold {@code :hold} that a 429 sets
 * for everyone, and concurrency slots {@code :concurrent}. A call that does not fit waits what the
 * store says (with a little jitter so waiters do not wake as one), then tries again.
 */
final class SharedLimits {
  /** A bucket no call exhausts: taking from it only answers whether it is held. */
  private static final long HOLD_CAPACITY = 1_000_000_000L;

  private static final Duration SLOT_POLL = Duration.ofMillis(40);

  private final LimitStore store;

  SharedLimits(LimitStore store) {
    this.store = store;
  }

  /** What a call holds while it runs; give it back with {@link #release}. */
  record Permit(LlmProvider provider, Optional<String> slotHolder, Duration waited) {}

  /** The call waited past its budget for this provider. */
  static final class OverBudget extends RuntimeException {
    final String reason;
    final Duration needed;

    OverBudget(String reason, Duration needed) {
      super("throttled (" + reason + "), " + needed.toMillis() + " ms more than the wait budget");
      this.reason = reason;
      this.needed = needed;
    }
  }

  static String key(LlmProvider p, String what) {
    return "llm:" + p.name() + ":" + what;
  }

  /**
   * Waits until a call of {@code tokens} tokens fits the provider's limits and holds, and takes its
   * share; throws {@link OverBudget} rather than wait beyond {@code budget}.
   */
  Permit acquire(Waiter w, LlmProvider p, long tokens, Duration budget) {
    ProviderLimits l = p.limits();
    Duration waited = Duration.ZERO;
    long tokensLeft = l.tokens().isPresent() ? tokens : 0;
    String lastReason = null;
    int slotWaits = 0;
    // The order matters: the request token is taken last, right before the request goes out, so
    // requests are sent as evenly as the bucket hands tokens out (a slot wait cannot bunch them).
    Permit permit = new Permit(p, Optional.empty(), waited);
    try {
      while (true) {
        Instant now = w.clock().now();
        String reason = "retry-after";
        Duration wait = store.tryTake(key(p, "hold"), 1, HOLD_CAPACITY, Duration.ofSeconds(1), now);
        if (wait.isZero() && l.maxConcurrent() > 0) {
          String h = permit.slotHolder().orElseGet(() -> w.ctx().runId() + "/" + UUID.randomUUID());
          // Taking a slot one holds already renews it, which a long wait needs.
          if (store.acquireSlot(
              key(p, "concurrent"), l.maxConcurrent(), h, now.plus(l.slotTtl()), now)) {
            permit = new Permit(p, Optional.of(h), waited);
          } else {
            // Poll a little slower each time: a full provider frees slots at its own pace.
            wait = SLOT_POLL.multipliedBy(1L << Math.min(slotWaits++, 3));
            reason = "concurrency";
          }
        }
        while (wait.isZero() && tokensLeft > 0) {
          RateLimit r = l.tokens().get();
          long piece = Math.min(tokensLeft, r.burst());
          wait = store.tryTake(key(p, "tpm"), piece, r.burst(), r.refillPeriod(), now);
          reason = "tokens";
          if (wait.isZero()) {
            tokensLeft -= piece;
          }
        }
        if (wait.isZero() && l.requests().isPresent()) {
          RateLimit r = l.requests().get();
          wait = store.tryTake(key(p, "rpm"), 1, r.burst(), r.refillPeriod(), now);
          reason = "requests";
        }
        if (wait.isZero()) {
          return new Permit(p, permit.slotHolder(), waited);
        }
        Duration jittered = wait.plus(jitter(wait));
        if (waited.plus(jittered).compareTo(budget) > 0) {
          throw new OverBudget(reason, waited.plus(jittered).minus(budget));
        }
        if (!reason.equals(lastReason)) {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("provider", p.name());
          data.put("reason", reason);
          data.put("waitMs", jittered.toMillis());
          w.ctx().event(LlmEvents.THROTTLED, data);
          lastReason = reason;
        }
        w.sleep(jittered);
        waited = waited.plus(jittered);
      }
    } catch (RuntimeException | Error e) {
      release(permit);
      throw e;
    }
  }

  /** Keeps a long call's slot (a stream) from expiring. */
  void renew(Waiter w, Permit permit) {
    permit
        .slotHolder()
        .ifPresent(
            h -> {
              Instant now = w.clock().now();
              ProviderLimits l = permit.provider().limits();
              store.acquireSlot(
                  key(permit.provider(), "concurrent"),
                  l.maxConcurrent(),
                  h,
                  now.plus(l.slotTtl()),
                  now);
            });
  }

  void release(Permit permit) {
    permit.slotHolder().ifPresent(h -> store.releaseSlot(key(permit.provider(), "concurrent"), h));
  }

  /** A 429: nobody sends to this provider before {@code until}. */
  void hold(LlmProvider p, Instant until) {
    store.holdUntil(key(p, "hold"), until);
  }

  private static Duration jitter(Duration wait) {
    long cap = Math.min(wait.toMillis() / 5, 250) + 5;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap));
  }
}
