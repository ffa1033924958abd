package dev.spool.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API-key role of a store: the hashes of the keys the API plane accepts. Only the server's key
 * check and the CLI's {@code keys} command use it.
 */
public interface KeyStore {

  /** Stores a new API key (its hash, never the secret). */
  void saveApiKey(ApiKey key);

  /** The key whose hash is {@code hash}, revoked or not. */
  Optional<ApiKey> apiKeyByHash(String hash);

  /** Every key, oldest first. */
  List<ApiKey> apiKeys();

  /** Revokes a key; false if there is no active key with that id. */
  boolean revokeApiKey(String id, Instant now);
}
