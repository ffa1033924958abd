package dev.spool.store.redis;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.checkpoint;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.newRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.CreateResult;
import dev.spool.store.Lease;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.store.StoreException;
import dev.spool.store.StoreFixtures;
import dev.spool.store.Transition;
import dev.spool.store.redis.internal.Layout;
import dev.spool.testkit.RedisServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the Redis store has: opening, layout, placement, retention. */
class RedisRunStoreTest {
  @TempDir static Path dir;
  private static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(dir);
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void empty() {
    redis.flushAll();
  }

  @Test
  void anUnreachableServerFailsAtOnceNamingIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    String uri = "redis://127.0.0.1:" + port;
    assertThatThrownBy(() -> RunStores.open(uri, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to Redis at redis://127.0.0.1:" + port + "/0");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void storeUrisOpenThroughTheServiceLoader() {
    try (Store store = RunStores.open(redis.uri() + "?retention=1d", false)) {
      assertThat(store).isInstanceOf(RedisRunStore.class);
      assertThat(store.describe()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0");
    }
  }

  @Test
  void mustExistRefusesARedisNoStoreWasEverWrittenTo() {
    assertThatThrownBy(() -> RunStores.open(redis.uri(), true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Spool store at redis://127.0.0.1:" + redis.port());
    RedisRunStore.open(redis.uri()).close();
    RunStores.open(redis.uri(), true).close();
    assertThatThrownBy(() -> RunStores.open(redis.uri() + "?namespace=other", true))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void thePartitionCountIsFixedWhenTheStoreIsFirstUsed() {
    try (RedisRunStore first = RedisRunStore.open(redis.uri() + "?partitions=4")) {
      assertThat(first.partitions()).isEqualTo(4);
    }
    try (RedisRunStore again = RedisRunStore.open(redis.uri())) {
      assertThat(again.partitions()).as("the recorded count wins").isEqualTo(4);
    }
    assertThatThrownBy(() -> RedisRunStore.open(redis.uri() + "?partitions=8"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("was created with 4 partitions; the URI asks for 8");
  }

  @Test
  void finishedRunsExpireAfterTheRetentionAndUnfinishedRunsNever() throws Exception {
    try (RedisRunStore store = RedisRunStore.open(redis.uri() + "?retention=1s")) {
      store.createRun(keyed("done", "key-1"));
      store.createRun(newRun("waits", at(2)));
      Lease lease =
          store.claim(claimAt("w1", at(10)).onlyRun("done")).map(Claim::lease).orElseThrow();
      store.commit(lease, Commit.of(Transition.completed("1"), event("run.completed", at(11))));

      Layout layout = new Layout("spool", 1);
      String p = layout.partition(0);
      assertThat((Long) redis.command("PTTL", p + "run:done")).isBetween(1L, 1000L);
      assertThat((Long) redis.command("PTTL", p + "ev:done")).isBetween(1L, 1000L);
      assertThat((Long) redis.command("PTTL", p + "idem:key-1")).isBetween(1L, 1000L);
      assertThat((Long) redis.command("PTTL", p + "run:waits")).isEqualTo(-1L);
      assertThat((Long) redis.command("PTTL", p + "ev:waits")).isEqualTo(-1L);

      Thread.sleep(1100);
      store.sweepExpired(); // the background sweep (every second here) may have been first

      assertThat(store.getRun("done")).isEmpty();
      assertThat(store.readEvents("done", 0, 10)).isEmpty();
      assertThat(store.listRuns(RunQuery.latest(10)))
          .extracting(RunInfo::runId)
          .containsExactly("waits");
      assertThat(store.listRuns(RunQuery.latest(10).withStatus(RunStatus.COMPLETED))).isEmpty();
      assertThat(redis.command("ZCARD", p + "done")).isEqualTo(0L);
      CreateResult again = store.createRun(keyed("done-again", "key-1"));
      assertThat(again.created()).as("the key was released with its run").isTrue();
      assertThat(store.getRun("waits")).isPresent();
    }
  }

  @Test
  void aRunPlacedByItsIdempotencyKeyIsFoundByIdFromAClientThatNeverSawIt() throws Exception {
    String uri = redis.uri() + "?partitions=8";
    Layout layout = new Layout("spool", 8);
    String key = "order-1";
    String id = "run-a";
    for (int i = 0; layout.home(key) == layout.home(id); i++) {
      key = "order-" + i;
    }
    try (RedisRunStore creator = RedisRunStore.open(uri);
        RedisRunStore other = RedisRunStore.open(uri)) {
      assertThat(creator.createRun(keyed(id, key)).created()).isTrue();
      CreateResult retry = creator.createRun(keyed("run-b", key));
      assertThat(retry.created()).isFalse();
      assertThat(retry.run().runId()).isEqualTo(id);

      assertThat(other.getRun(id)).isPresent();
      Lease lease = other.claim(claimAt("w1", at(10)).onlyRun(id)).map(Claim::lease).orElseThrow();
      try (RedisRunStore third = RedisRunStore.open(uri)) {
        assertThat(
                third.commit(
                    lease, Commit.of(checkpoint("wf/a#0", 1, "\"a\"", at(11)), event("x", at(11)))))
            .isEqualTo(2);
      }
      try (RedisRunStore fourth = RedisRunStore.open(uri)) {
        assertThat(fourth.readEvents(id, 0, 10)).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(fourth.checkpoints(id)).hasSize(1);
        assertThat(fourth.awaitEvents(id, 1, 10, Duration.ofSeconds(5))).hasSize(1);
      }
      try (RedisRunStore fifth = RedisRunStore.open(uri)) {
        assertThat(fifth.requestCancel(id, "stop", at(12)).orElseThrow().cancelRequested())
            .isTrue();
        assertThat(fifth.sendSignal(id, "s", "1", at(13)).orElseThrow().delivered()).isTrue();
      }
      assertThat(creator.getRun("run-b")).as("the retry's id was never used").isEmpty();
      assertThat(other.createRun(newRun("run-b", at(3))).created())
          .as("and is free: no locator was left behind")
          .isTrue();
      assertThatThrownBy(() -> other.createRun(newRun(id, at(4))))
          .as("an id taken by a run living elsewhere")
          .isInstanceOf(StoreException.class);
    }
  }

  @Test
  void everyScriptIsLoadedAgainAfterTheServersScriptCacheIsFlushed() {
    try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
      store.createRun(newRun("r1", at(1)));
      redis.command("SCRIPT", "FLUSH");
      store.createRun(newRun("r2", at(2)));
      assertThat(store.claim(claimAt("w1", at(10))).map(Claim::lease)).isPresent();
    }
  }

  @Test
  void theKeyLayoutSpreadsPartitionsEvenlyOverTheSlotRanges() {
    Layout layout = new Layout("spool", 16);
    for (int p = 0; p < 16; p++) {
      String prefix = layout.partition(p);
      String tag = prefix.substring(prefix.indexOf('{') + 1, prefix.indexOf('}'));
      int slot = io.lettuce.core.cluster.SlotHash.getSlot(tag);
      assertThat(slot).isBetween(p * 1024, p * 1024 + 1023);
    }
  }

  private static NewRun keyed(String id, String key) {
    return newRun(id, StoreFixtures.WORKFLOW, StoreFixtures.DEPLOYMENT, at(1), Optional.of(key));
  }
}
