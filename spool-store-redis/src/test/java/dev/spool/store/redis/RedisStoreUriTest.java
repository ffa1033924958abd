package dev.spool.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.RunStoreProvider;
import dev.spool.store.StoreException;
import dev.spool.store.redis.internal.StoreUri;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Store URIs: what they mean, and clear errors for what they cannot mean. No server needed. */
class RedisStoreUriTest {

  @Test
  void aPlainUriUsesTheDefaults() {
    StoreUri u = StoreUri.parse("redis://localhost");
    assertThat(u.cluster()).isFalse();
    RedisURI node = u.nodes().get(0);
    assertThat(node.getHost()).isEqualTo("localhost");
    assertThat(node.getPort()).isEqualTo(6379);
    assertThat(node.getDatabase()).isZero();
    assertThat(node.isSsl()).isFalse();
    assertThat(u.partitions()).isEmpty();
    assertThat(u.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(u.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(u.namespace()).isEqualTo("spool");
    assertThat(u.describe()).isEqualTo("redis://localhost:6379/0");
  }

  @Test
  void parametersPasswordAndDatabaseAreRead() {
    StoreUri u =
        StoreUri.parse(
            "redis://app:s%40cret@10.0.0.5:7000/3?retention=12h&timeout=500ms&partitions=4"
                + "&namespace=billing");
    RedisURI node = u.nodes().get(0);
    RedisCredentials c = credentials(node);
    assertThat(c.getUsername()).isEqualTo("app");
    assertThat(new String(c.getPassword())).isEqualTo("s@cret");
    assertThat(node.getDatabase()).isEqualTo(3);
    assertThat(node.getTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(u.partitions()).contains(4);
    assertThat(u.retention()).isEqualTo(Duration.ofHours(12));
    assertThat(u.namespace()).isEqualTo("billing");
    assertThat(u.describe()).isEqualTo("redis://10.0.0.5:7000/3").doesNotContain("cret");
  }

  private static RedisCredentials credentials(RedisURI node) {
    return node.getCredentialsProvider().resolveCredentials().block();
  }

  @Test
  void retentionZeroKeepsFinishedRunsForever() {
    assertThat(StoreUri.parse("redis://h?retention=0").retention()).isZero();
  }

  @Test
  void redissIsTls() {
    StoreUri u = StoreUri.parse("rediss://:pw@cache.internal:6380?verifyPeer=false");
    assertThat(u.nodes().get(0).isSsl()).isTrue();
    assertThat(u.nodes().get(0).isVerifyPeer()).isFalse();
    assertThat(new String(credentials(u.nodes().get(0)).getPassword())).isEqualTo("pw");
  }

  @Test
  void aClusterUriNamesItsSeedNodes() {
    StoreUri u = StoreUri.parse("redis-cluster://10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");
    assertThat(u.cluster()).isTrue();
    assertThat(u.nodes()).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
    assertThat(u.nodes().get(2).getHost()).isEqualTo("::1");
    assertThat(u.describe()).isEqualTo("redis-cluster://10.0.0.1:7000,10.0.0.2:7001,::1:7002");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://|no host",
        "redis://h:port|port must be a whole number",
        "redis://h:70000|port must be a whole number 1..65535",
        "redis://h/x|database must be a whole number",
        "redis://a:1,b:2|several hosts need redis-cluster://",
        "redis-cluster://a:1/2|a Redis Cluster has only database 0",
        "redis-cluster://a|needs a port",
        "redis://h?bogus=1|unknown parameter(s) [bogus]",
        "redis://h?partitions=0|partitions must be a whole number 1..1024",
        "redis://h?retention=forever|retention: 'forever' is not a duration",
        "redis://h?timeout=0s|timeout must be positive",
        "redis://h?namespace=a{b}|namespace must be non-empty, without braces",
        "redis://h?partitions|needs a value",
        "memcache://h|unknown scheme 'memcache'",
        "redis:h|expected redis://"
      })
  void badUrisSayWhatIsWrong(String uri, String why) {
    assertThatThrownBy(() -> StoreUri.parse(uri))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("bad store URI")
        .hasMessageContaining(why);
  }

  @Test
  void errorsNeverShowThePassword() {
    assertThatThrownBy(() -> StoreUri.parse("redis://user:hunter2@h:bad"))
        .isInstanceOf(StoreException.class)
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("user:***@");
  }

  @Test
  void theProviderIsFoundByServiceLoaderForAllThreeSchemes() {
    assertThat(ServiceLoader.load(RunStoreProvider.class).stream().map(p -> p.get().schemes()))
        .anySatisfy(
            s -> assertThat(s).containsExactlyInAnyOrder("redis", "rediss", "redis-cluster"));
  }
}
