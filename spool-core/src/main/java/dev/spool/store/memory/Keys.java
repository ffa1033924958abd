package dev.spool.store.memory;

import dev.spool.store.ApiKey;
import dev.spool.store.KeyStore;
import dev.spool.store.StoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API-key role of {@link MemoryRunStore}, oldest first; every method is synchronized. */
final class Keys implements KeyStore {
  private final Map<String, ApiKey> keys = new LinkedHashMap<>();

  @Override
  public synchronized void saveApiKey(ApiKey key) {
    if (keys.containsKey(key.id())
        || keys.values().stream().anyMatch(k -> k.hash().equals(key.hash()))) {
      throw new StoreException("API key " + key.id() + " already exists");
    }
    keys.put(key.id(), key);
  }

  @Override
  public synchronized Optional<ApiKey> apiKeyByHash(String hash) {
    return keys.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
  }

  @Override
  public synchronized List<ApiKey> apiKeys() {
    return List.copyOf(keys.values());
  }

  @Override
  public synchronized boolean revokeApiKey(String id, Instant now) {
    ApiKey k = keys.get(id);
    if (k == null || !k.active()) {
      return false;
    }
    keys.put(id, new ApiKey(k.id(), k.name(), k.hash(), k.createdAt(), Optional.of(now)));
    return true;
  }
}
