package dev.spool.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.ClaimRequest;
import dev.spool.store.NewRun;
import dev.spool.store.RunRules;
import dev.spool.store.WorkflowVersion;
import dev.spool.store.redis.internal.Layout;
import dev.spool.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by the version before (key layout 1: one ready queue per deployment) is upgraded
 * in place when this version opens it: its queued runs are claimed as before, and counted by
 * workflow version.
 */
class RedisLayoutUpgradeTest {
  private static final WorkflowVersion TRIAGE = new WorkflowVersion("triage", "1");

  @TempDir Path dir;

  @Test
  void aLayoutOneStoreIsUpgradedWhenOpenedAndLosesNoRun() {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
        store.createRun(run("pinned", "blue", t));
        store.createRun(run("unpinned", RunRules.UNPINNED, t.plusSeconds(1)));
      }
      downgradeToLayoutOne(redis.uri());

      try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
        assertThat(store.fleet().inFlightByVersion()).containsExactly(Map.entry(TRIAGE, 2L));
        ClaimRequest blue =
            ClaimRequest.next("w", "blue", t.plusSeconds(5), Duration.ofSeconds(30))
                .runnable(Set.of(TRIAGE));
        assertThat(store.claim(blue).map(c -> c.run().runId())).contains("pinned");
        assertThat(store.claim(blue).map(c -> c.run().runId())).contains("unpinned");
        assertThat(store.claim(blue)).isEmpty();
      }
      try (RedisRunStore again = RedisRunStore.open(redis.uri())) {
        assertThat(again.fleet().inFlightByVersion()).containsExactly(Map.entry(TRIAGE, 2L));
      }
    }
  }

  private static NewRun run(String id, String deployment, Instant at) {
    return new NewRun(id, TRIAGE.name(), TRIAGE.version(), "{}", Optional.empty(), deployment, at);
  }

  /** Rewrites the keys as layout 1 kept them: q:DEP and w:DEP, no per-version sets or counts. */
  private static void downgradeToLayoutOne(String uri) {
    Layout layout = new Layout("spool", 1);
    String p = layout.partition(0);
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> r = c.sync();
      for (String dep : new String[] {"blue", ""}) {
        r.rename(p + "q:" + dep + ":" + TRIAGE.key(), p + "q:" + dep);
        r.del(p + "qv:" + dep);
      }
      r.del(p + "inflight-v");
      r.hset(layout.global() + "config", "layout", Layout.UPGRADES_FROM);
    } finally {
      client.shutdown();
    }
  }
}
