package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared-limit part of the suite: token buckets, holds and concurrency slots. */
public abstract class LimitsContract extends ControlContract {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aBucketStartsFullAndRefillsContinuously() {
    for (int i = 0; i < 60; i++) {
      assertThat(store.tryTake("rpm:a", 1, 60, MINUTE, at(0))).isZero();
    }
    assertThat(store.tryTake("rpm:a", 1, 60, MINUTE, at(0))).isEqualTo(Duration.ofSeconds(1));
    assertThat(store.tryTake("rpm:a", 1, 60, MINUTE, at(0).plusMillis(500)))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(store.tryTake("rpm:a", 1, 60, MINUTE, at(1))).isZero();
    assertThat(store.tryTake("rpm:a", 2, 60, MINUTE, at(2)))
        .as("one token back, two asked")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(store.tryTake("rpm:b", 60, 60, MINUTE, at(2))).as("buckets are apart").isZero();
  }

  @Test
  void aTakeCostingMoreThanTheCapacityIsRefused() {
    assertThatThrownBy(() -> store.tryTake("tpm", 5000, 1000, MINUTE, at(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1000");
    assertThatThrownBy(() -> store.tryTake("tpm", 0, 1000, MINUTE, at(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHoldRefusesEveryTakeUntilItEndsAndNeverShortens() {
    store.holdUntil("p", at(30));
    store.holdUntil("p", at(20));
    assertThat(store.tryTake("p", 1, 10, MINUTE, at(10))).isEqualTo(Duration.ofSeconds(20));
    assertThat(store.tryTake("p", 1, 10, MINUTE, at(30))).isZero();
  }

  @Test
  void slotsAdmitAtMostMaxHoldersAndFreeOnReleaseOrExpiry() {
    Instant until = at(100);
    assertThat(store.acquireSlot("c", 2, "h1", until, at(0))).isTrue();
    assertThat(store.acquireSlot("c", 2, "h2", until, at(0))).isTrue();
    assertThat(store.acquireSlot("c", 2, "h3", until, at(0))).isFalse();
    assertThat(store.acquireSlot("c", 2, "h1", at(200), at(1))).as("renewal").isTrue();
    store.releaseSlot("c", "h2");
    assertThat(store.acquireSlot("c", 2, "h3", until, at(2))).isTrue();
    assertThat(store.acquireSlot("c", 2, "h4", at(300), at(150)))
        .as("h3's slot expired at 100")
        .isTrue();
    assertThat(store.acquireSlot("c", 2, "h5", at(300), at(150))).isFalse();
    store.releaseSlot("c", "nobody");
  }

  @Test
  void concurrentTakesNeverExceedTheCapacity() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    List<RunStore> clients = new ArrayList<>(List.of(store));
    secondClient().ifPresent(clients::add);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RunStore client = clients.get(t % clients.size());
        all.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    if (client.tryTake("burst", 1, 100, Duration.ofDays(1), at(0)).isZero()) {
                      taken.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertThat(taken.get()).isEqualTo(100);
  }
}
