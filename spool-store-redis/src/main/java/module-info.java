/**
 * The store for scale: Redis or Redis Cluster through Lettuce, found by {@code
 * RunStores.open("redis://…")}. Lettuce is an automatic module that does not name its own
 * dependencies (Netty, Reactor); on the module path, add them with {@code --add-modules
 * ALL-MODULE-PATH}.
 */
module dev.spool.store.redis {
  requires transitive dev.spool.core;
  requires lettuce.core;

  exports dev.spool.store.redis;

  provides dev.spool.store.RunStoreProvider with
      dev.spool.store.redis.RedisStoreProvider;
}
