package dev.spool.store.sqlite.internal;

import dev.spool.store.ApiKey;
import dev.spool.store.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API-key role of the SQLite store, over {@link ApiKeyRows}. */
public final class Keys implements KeyStore {
  private final Database db;

  public Keys(Database db) {
    this.db = db;
  }

  @Override
  public void saveApiKey(ApiKey key) {
    db.write("save API key " + key.id(), c -> ApiKeyRows.save(c, key));
  }

  @Override
  public Optional<ApiKey> apiKeyByHash(String hash) {
    return db.read("find API key", c -> ApiKeyRows.byHash(c, hash)).stream().findFirst();
  }

  @Override
  public List<ApiKey> apiKeys() {
    return db.read("list API keys", ApiKeyRows::all);
  }

  @Override
  public boolean revokeApiKey(String id, Instant now) {
    return db.write("revoke API key " + id, c -> ApiKeyRows.revoke(c, id, now));
  }
}
