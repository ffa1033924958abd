package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.ApiKey;
import dev.spool.store.KeyStore;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final KeyStore store = new MemoryRunStore().keys();
  private final Instant now = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void aKeyIsPrefixIdAndA256BitSecretAndOnlyItsHashIsStored() {
    ApiKeys.CreatedKey k = ApiKeys.create(store, "ci pipeline", now);

    assertThat(k.key()).matches("spool_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}");
    assertThat(k.key()).startsWith("spool_" + k.info().id() + "_");
    ApiKey stored = store.apiKeys().getFirst();
    assertThat(stored.hash()).isEqualTo(ApiKeys.hash(k.key())).matches("[0-9a-f]{64}");
    assertThat(stored.name()).isEqualTo("ci pipeline");
    assertThat(stored.createdAt()).isEqualTo(now);
    assertThat(stored.toString() + k.toString()).doesNotContain(k.key().substring(19));
  }

  @Test
  void keysDiffer() {
    String a = ApiKeys.create(store, "a", now).key();
    String b = ApiKeys.create(store, "b", now).key();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.substring(6, 18)).isNotEqualTo(b.substring(6, 18));
  }

  @Test
  void authenticatesTheExactKeyUntilItIsRevoked() {
    ApiKeys.CreatedKey k = ApiKeys.create(store, "ui", now);

    assertThat(ApiKeys.authenticate(store, k.key())).contains(k.info());
    assertThat(ApiKeys.authenticate(store, k.key() + "x")).isEmpty();
    assertThat(ApiKeys.authenticate(store, k.key().substring(0, k.key().length() - 1))).isEmpty();
    assertThat(ApiKeys.authenticate(store, "")).isEmpty();
    assertThat(ApiKeys.authenticate(store, "Bearer " + k.key())).isEmpty();

    assertThat(store.revokeApiKey(k.info().id(), now.plusSeconds(1))).isTrue();
    assertThat(ApiKeys.authenticate(store, k.key())).isEmpty();
  }

  @Test
  void aKeyNeedsAName() {
    assertThatThrownBy(() -> ApiKeys.create(store, " ", now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThat(store.apiKeys()).isEmpty();
  }
}
