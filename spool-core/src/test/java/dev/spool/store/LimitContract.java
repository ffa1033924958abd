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

/** The {@link LimitStore} role: token buckets, holds and concurrency slots shared by workers. */
public interface LimitContract extends StoreContract {
  Duration MINUTE = Duration.ofMinutes(1);

  @Test
  default void aBucketStartsFullAndRefillsContinuously() {
    for (int i = 0; i < 60; i++) {
      assertThat(store().limits().tryTake("rpm:a", 1, 60, MINUTE, at(0))).isZero();
    }
    assertThat(store().limits().tryTake("rpm:a", 1, 60, MINUTE, at(0)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(store().limits().tryTake("rpm:a", 1, 60, MINUTE, at(0).plusMillis(500)))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(store().limits().tryTake("rpm:a", 1, 60, MINUTE, at(1))).isZero();
    assertThat(store().limits().tryTake("rpm:a", 2, 60, MINUTE, at(2)))
        .as("one token back, two asked")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(store().limits().tryTake("rpm:b", 60, 60, MINUTE, at(2)))
        .as("buckets are apart")
        .isZero();
  }

  @Test
  default void aTakeCostingMoreThanTheCapacityIsRefused() {
    assertThatThrownBy(() -> store().limits().tryTake("tpm", 5000, 1000, MINUTE, at(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1000");
    assertThatThrownBy(() -> store().limits().tryTake("tpm", 0, 1000, MINUTE, at(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void aHoldRefusesEveryTakeUntilItEndsAndNeverShortens() {
    store().limits().holdUntil("p", at(30));
    store().limits().holdUntil("p", at(20));
    assertThat(store().limits().tryTake("p", 1, 10, MINUTE, at(10)))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(store().limits().tryTake("p", 1, 10, MINUTE, at(30))).isZero();
  }

  @Test
  default void slotsAdmitAtMostMaxHoldersAndFreeOnReleaseOrExpiry() {
    Instant until = at(100);
    assertThat(store().limits().acquireSlot("c", 2, "h1", until, at(0))).isTrue();
    assertThat(store().limits().acquireSlot("c", 2, "h2", until, at(0))).isTrue();
    assertThat(store().limits().acquireSlot("c", 2, "h3", until, at(0))).isFalse();
    assertThat(store().limits().acquireSlot("c", 2, "h1", at(200), at(1))).as("renewal").isTrue();
    store().limits().releaseSlot("c", "h2");
    assertThat(store().limits().acquireSlot("c", 2, "h3", until, at(2))).isTrue();
    assertThat(store().limits().acquireSlot("c", 2, "h4", at(300), at(150)))
        .as("h3's slot expired at 100")
        .isTrue();
    assertThat(store().limits().acquireSlot("c", 2, "h5", at(300), at(150))).isFalse();
    store().limits().releaseSlot("c", "nobody");
  }

  @Test
  default void concurrentTakesNeverExceedTheCapacity() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    List<Store> clients = new ArrayList<>(List.of(store()));
    secondClient().ifPresent(clients::add);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Store client = clients.get(t % clients.size());
        all.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    if (client
                        .limits()
                        .tryTake("burst", 1, 100, Duration.ofDays(1), at(0))
                        .isZero()) {
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
