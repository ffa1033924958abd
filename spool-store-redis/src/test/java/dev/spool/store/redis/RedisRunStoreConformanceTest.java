package dev.spool.store.redis;

import dev.spool.store.RunStore;
import dev.spool.store.RunStoreConformanceTest;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link RunStore} contract on one real redis-server, emptied before each test. */
class RedisRunStoreConformanceTest extends RunStoreConformanceTest {
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

  @Override
  protected RunStore newStore() {
    redis.flushAll();
    return RedisRunStore.open(redis.uri());
  }

  /** A second client on the same server, as another process would open it. */
  @Override
  protected Optional<RunStore> openSecondClient() {
    return Optional.of(RedisRunStore.open(redis.uri()));
  }
}
