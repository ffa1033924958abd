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
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Every role contract, on one real redis-server, emptied before each test. */
class RedisStoreConformanceTest extends StoreConformance
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
  protected Store newStore() {
    redis.flushAll();
    return RedisRunStore.open(redis.uri());
  }

  /** A second client on the same server, as another process would open it. */
  @Override
  protected Optional<Store> openSecondClient() {
    return Optional.of(RedisRunStore.open(redis.uri()));
  }
}
