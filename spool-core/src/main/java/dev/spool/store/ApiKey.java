package dev.spool.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as the store keeps it: never the secret, only its hash.
 *
 * @param id public identifier, shown in listings and part of the key text
 * @param name what the key is for, as its creator described it
 * @param hash hex SHA-256 of the full key text
 * @param createdAt when it was created
 * @param revokedAt when it was revoked; a revoked key authenticates nothing
 */
public record ApiKey(
    String id, String name, String hash, Instant createdAt, Optional<Instant> revokedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }
}
