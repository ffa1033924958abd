package dev.spool.server;

import dev.spool.store.ApiKey;
import dev.spool.store.KeyStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys for the HTTP API. A key's text is {@code spool_<id>_<secret>}: the id is public (it
 * names the key in listings and revocations), the secret is 32 random bytes from {@link
 * SecureRandom} in base62. The store keeps only the hex SHA-256 of the whole text.
 *
 * <p>A plain SHA-256 is the right hash here, unlike for passwords: with 256 bits of randomness a
 * key cannot be guessed or brute-forced from its hash, so a slow hash (bcrypt, argon2) would only
 * slow every request down. Lookup is by hash, so no secret is ever compared byte by byte.
 */
public final class ApiKeys {
  /** Every key starts with this, so secret scanners and people recognise one. */
  public static final String PREFIX = "spool_";

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int SECRET_BYTES = 32;
  private static final int ID_CHARS = 12;
  private static final int MAX_NAME = 200;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /**
   * A key just created: {@code key} is its full text, shown once and never stored.
   *
   * @param key the text to put in {@code Authorization: Bearer …}
   * @param info what the store keeps about it
   */
  public record CreatedKey(String key, ApiKey info) {
    public CreatedKey {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(info, "info");
    }

    /** Never the secret: a key must not end up in logs by accident. */
    @Override
    public String toString() {
      return "CreatedKey[id=" + info.id() + ", name=" + info.name() + "]";
    }
  }

  /**
   * Creates a key and stores its hash.
   *
   * @param name what the key is for, 1 to 200 characters
   * @throws IllegalArgumentException for a blank or overlong name
   */
  public static CreatedKey create(KeyStore store, String name, Instant now) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(now, "now");
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "an API key needs a name of 1 to " + MAX_NAME + " characters saying what it is for");
    }
    String id = base62(RANDOM, ID_CHARS);
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String key = PREFIX + id + "_" + base62(secret);
    ApiKey info = new ApiKey(id, name.strip(), hash(key), now, Optional.empty());
    store.saveApiKey(info);
    return new CreatedKey(key, info);
  }

  /** The active key {@code presentedKey} is, if it is one; revoked and unknown keys give empty. */
  public static Optional<ApiKey> authenticate(KeyStore store, String presentedKey) {
    if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() > 200) {
      return Optional.empty();
    }
    return store.apiKeyByHash(hash(presentedKey)).filter(ApiKey::active);
  }

  /** Hex SHA-256 of the key's text, as the store keeps it. */
  public static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String base62(SecureRandom random, int chars) {
    char[] out = new char[chars];
    for (int i = 0; i < chars; i++) {
      out[i] = BASE62[random.nextInt(BASE62.length)];
    }
    return new String(out);
  }

  /** Base62 of the bytes as one big number: 32 bytes give 43 characters, no padding. */
  private static String base62(byte[] bytes) {
    BigInteger n = new BigInteger(1, bytes);
    BigInteger radix = BigInteger.valueOf(BASE62.length);
    StringBuilder sb = new StringBuilder();
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(radix);
      sb.append(BASE62[qr[1].intValue()]);
      n = qr[0];
    }
    while (sb.length() < 43) {
      sb.append(BASE62[0]);
    }
    return sb.reverse().toString();
  }
}
