package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link KeyStore} role: API keys stored by hash, listed and revoked. */
public interface KeyContract extends StoreContract {

  @Test
  default void apiKeysAreStoredByHashListedAndRevoked() {
    ApiKey k1 = new ApiKey("k1", "ci", "aa11", at(1), Optional.empty());
    ApiKey k2 = new ApiKey("k2", "ui", "bb22", at(2), Optional.empty());
    store().keys().saveApiKey(k1);
    store().keys().saveApiKey(k2);

    assertThat(store().keys().apiKeyByHash("bb22")).contains(k2);
    assertThat(store().keys().apiKeyByHash("cc33")).isEmpty();
    assertThat(store().keys().apiKeys()).containsExactly(k1, k2);
    assertThatThrownBy(() -> store().keys().saveApiKey(k1)).isInstanceOf(StoreException.class);

    assertThat(store().keys().revokeApiKey("k1", at(3))).isTrue();
    assertThat(store().keys().revokeApiKey("k1", at(4))).as("already revoked").isFalse();
    assertThat(store().keys().revokeApiKey("nope", at(4))).isFalse();
    ApiKey revoked = store().keys().apiKeyByHash("aa11").orElseThrow();
    assertThat(revoked.active()).isFalse();
    assertThat(revoked.revokedAt()).contains(at(3));
  }
}
