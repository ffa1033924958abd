package dev.spool.store.redis;

import dev.spool.store.ConcurrencyContract;
import dev.spool.store.ControlContract;
import dev.spool.store.FleetContract;
import dev.spool.store.KeyContract;
import dev.spool.store.LeaseContract;
import dev.spool.store.LimitContract;
import dev.spool.store.PlacementContract;
import dev.spool.store.RunContract;
import dev.spool.store.RunRulesContract;
import dev.spool.store.Store;
import dev.spool.store.StoreConformance;
import dev.spool.testkit.RedisCluster;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role contract, on a Redis Cluster of three masters (16 queue partitions spread over them),
 * every master emptied before each test.
 */
class RedisClusterConformanceTest extends StoreConformance
    implements RunContract,
        LeaseContract,
        ControlContract,
        ConcurrencyContract,
        KeyContract,
        LimitContract,
        FleetContract,
        PlacementContract,
        RunRulesContract {
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
  protected Store newStore() {
    cluster.flushAll();
    return RedisRunStore.open(cluster.uri());
  }

  @Override
  protected Optional<Store> openSecondClient() {
    return Optional.of(RedisRunStore.open(cluster.uri()));
  }
}
