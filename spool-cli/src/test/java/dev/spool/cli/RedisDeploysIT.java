package dev.spool.cli;

import dev.spool.store.redis.RedisRunStore;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeploysContract} on a redis-server of its own. */
class RedisDeploysIT implements DeploysContract {
  @TempDir Path dir;

  @Override
  public Fixture fixture() {
    RedisServer redis = RedisServer.start(dir.resolve("redis"));
    return new Fixture(
        RedisRunStore.open(redis.uri()),
        new ProcessFleet(dir, redis.uri()),
        new Cli(redis.uri()),
        redis);
  }
}
