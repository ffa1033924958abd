package dev.spool.store.redis.internal;

import dev.spool.store.ApiKey;
import dev.spool.store.KeyStore;
import dev.spool.store.Micros;
import dev.spool.store.StoreException;
import io.lettuce.core.RedisFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API-key role of the Redis store, under the store-wide hash tag. */
public final class Keys implements KeyStore {
  private final Redis redis;
  private final String g;

  public Keys(Redis redis) {
    this.redis = redis;
    this.g = redis.layout().global();
  }

  private <T> T await(RedisFuture<T> f, String what) {
    return redis.connection().await(f, what);
  }

  @Override
  public void saveApiKey(ApiKey key) {
    List<Object> r =
        redis.eval(
            Script.KEY_SAVE,
            g,
            List.of(
                key.id(),
                key.name(),
                key.hash(),
                Micros.str(key.createdAt()),
                key.revokedAt().map(Micros::str).orElse("")),
            "save API key " + key.id());
    if (Codec.is(r, "exists")) {
      throw new StoreException("API key " + key.id() + " already exists");
    }
  }

  @Override
  public Optional<ApiKey> apiKeyByHash(String hash) {
    String id = await(redis.cmd().hget(g + "key-hash", hash), "find API key");
    return id == null ? Optional.empty() : apiKey(id);
  }

  private Optional<ApiKey> apiKey(String id) {
    Map<String, String> f = await(redis.cmd().hgetall(g + "key:" + id), "read API key " + id);
    return f.isEmpty() ? Optional.empty() : Optional.of(apiKey(f));
  }

  private static ApiKey apiKey(Map<String, String> f) {
    return new ApiKey(
        f.get("id"),
        f.get("name"),
        f.get("hash"),
        Micros.parse(f.get("cr")),
        Micros.parseOpt(f.get("rv")));
  }

  @Override
  public List<ApiKey> apiKeys() {
    List<String> ids = await(redis.cmd().zrange(g + "key-ids", 0, -1), "list API keys");
    List<RedisFuture<Map<String, String>>> fs = new ArrayList<>();
    for (String id : ids) {
      fs.add(redis.cmd().hgetall(g + "key:" + id));
    }
    List<ApiKey> out = new ArrayList<>();
    for (RedisFuture<Map<String, String>> f : fs) {
      Map<String, String> m = await(f, "list API keys");
      if (!m.isEmpty()) {
        out.add(apiKey(m));
      }
    }
    out.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
    return out;
  }

  @Override
  public boolean revokeApiKey(String id, Instant now) {
    return Codec.is(
        redis.eval(Script.KEY_REVOKE, g, List.of(id, Micros.str(now)), "revoke API key " + id),
        "1");
  }
}
