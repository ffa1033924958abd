package dev.spool.cli;

import dev.spool.store.redis.RedisRunStore;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PatchScenario} on a redis-server the test starts, shared by the worker processes. */
class RedisPatchingIT {
  @TempDir Path dir;

  @Test
  void runsRecordedBeforeThePatchFinishOnTheNewCodeAndNewRunsTakeTheNewPath() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
        RedisRunStore store = RedisRunStore.open(redis.uri())) {
      new PatchScenario(dir, redis.uri(), store).run();
    }
  }
}
