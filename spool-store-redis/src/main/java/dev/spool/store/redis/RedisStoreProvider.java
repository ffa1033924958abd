package dev.spool.store.redis;

import dev.spool.store.RunStoreProvider;
import dev.spool.store.Store;
import java.util.Set;

/**
 * Opens {@code redis://}, {@code rediss://} and {@code redis-cluster://} store URIs with {@link
 * RedisRunStore}.
 */
public final class RedisStoreProvider implements RunStoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss", "redis-cluster");
  }

  @Override
  public Store open(String uri, boolean mustExist) {
    return RedisRunStore.open(uri, mustExist);
  }
}
