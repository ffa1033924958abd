package dev.spool.store.memory;

import dev.spool.store.ApiKey;
import dev.spool.store.StoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API keys of {@link MemoryRunStore}, oldest first; every method is synchronized. */
final class ApiKeys {
  private final Map<String, ApiKey> keys = new LinkedHashMap<>();

  synchronized void save(ApiKey key) {
    if (keys.containsKey(key.id())
        || keys.values().stream().anyMatch(k -> k.hash().equals(key.hash()))) {
      throw new StoreException("API key " + key.id() + " already exists");
    }
    keys.put(key.id(), key);
  }

  synchronized Optional<ApiKey> byHash(String hash) {
    return keys.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
  }

  synchronized List<ApiKey> all() {
    return List.copyOf(keys.values());
  }

  synchronized boolean revoke(String id, Instant now) {
    ApiKey k = keys.get(id);
    if (k == null || !k.active()) {
      return false;
    }
    keys.put(id, new ApiKey(k.id(), k.name(), k.hash(), k.createdAt(), Optional.of(now)));
    return true;
  }
}
