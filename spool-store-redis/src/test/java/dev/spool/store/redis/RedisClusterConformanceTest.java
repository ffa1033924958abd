package dev.spool.store.redis;

import dev.spool.store.RunStore;
import dev.spool.store.RunStoreConformanceTest;
import dev.spool.testkit.RedisCluster;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared {@link RunStore} contract on a Redis Cluster of three masters (16 queue partitions
 * spread over them), every master emptied before each test.
 */
class RedisClusterConformanceTest extends RunStoreConformanceTest {
  @TempDir static Path dir;
  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start(dir, 3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected RunStore newStore() {
    cluster.flushAll();
    return RedisRunStore.open(cluster.uri());
  }

  @Override
  protected Optional<RunStore> openSecondClient() {
    return Optional.of(RedisRunStore.open(cluster.uri()));
  }
}
