package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.LimitStore;
import dev.spool.store.memory.MemoryLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsMathTest {
  /**
   * Takes from a bucket as fast as it allows, on a simulated clock, and checks that no window of
   * the limit's length, wherever it starts, holds more than the limit.
   */
  @Test
  void theBucketNeverLetsMoreThanTheLimitThroughAnyWindow() {
    for (long amount : new long[] {1, 2, 3, 10, 60, 500}) {
      RateLimit limit = new RateLimit(amount, Duration.ofSeconds(60));
      LimitStore store = new MemoryLimits();
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      List<Instant> taken = new ArrayList<>();
      Instant end = t.plus(Duration.ofMinutes(5));
      while (t.isBefore(end)) {
        Duration wait = store.tryTake("k", 1, limit.burst(), limit.refillPeriod(), t);
        if (wait.isZero()) {
          taken.add(t);
        } else {
          t = t.plus(wait);
        }
      }
      int worst = 0;
      int start = 0;
      for (int i = 0; i < taken.size(); i++) {
        while (!taken.get(start).plus(limit.window()).isAfter(taken.get(i))) {
          start++;
        }
        worst = Math.max(worst, i - start + 1);
      }
      assertThat(worst).as("most in a window for %d/min", amount).isLessThanOrEqualTo((int) amount);
      // …and it is not needlessly slow: the burst, then the rest of the amount every window.
      long steady = amount == 1 ? 1 : amount - limit.burst();
      assertThat((long) taken.size())
          .as("throughput for %d/min", amount)
          .isGreaterThanOrEqualTo(limit.burst() + steady * 5 - 1);
    }
  }

  @Test
  void burstIsAFifthOfTheAmount() {
    assertThat(RateLimit.perMinute(100).burst()).isEqualTo(20);
    assertThat(RateLimit.perMinute(2).burst()).isEqualTo(1);
    assertThat(RateLimit.perMinute(1).burst()).isEqualTo(1);
    assertThatThrownBy(() -> RateLimit.perMinute(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
