package dev.spool.store.redis;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.newRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.StoreException;
import dev.spool.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: the store talks TLS to a redis-server that only accepts TLS on its TLS port,
 * with a self-signed certificate made here by the JDK's keytool.
 */
class RedisTlsTest {
  @TempDir Path dir;

  @Test
  void redissTalksTlsAndRefusesAnUntrustedCertificateUnlessTold() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(cert, key);
    int tls = RedisServer.freePort();
    try (RedisServer redis =
        RedisServer.start(
            dir.resolve("redis"),
            RedisServer.freePort(),
            List.of(
                "--appendonly",
                "no",
                "--tls-port",
                Integer.toString(tls),
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-ca-cert-file",
                cert.toString(),
                "--tls-auth-clients",
                "no"))) {
      try (RedisRunStore store =
          RedisRunStore.open("rediss://127.0.0.1:" + tls + "?verifyPeer=false")) {
        assertThat(store.describe()).isEqualTo("rediss://127.0.0.1:" + tls + "/0");
        assertThat(store.createRun(newRun("r1", at(1))).created()).isTrue();
      }
      try (RedisRunStore plain = RedisRunStore.open(redis.uri())) {
        assertThat(plain.getRun("r1")).as("same server, plain port").isPresent();
      }
      assertThatThrownBy(() -> RedisRunStore.open("rediss://127.0.0.1:" + tls))
          .as("a certificate no one vouches for")
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot connect to Redis at rediss://127.0.0.1:" + tls);
    }
  }

  /** A self-signed certificate for 127.0.0.1 and its key, as PEM files redis-server reads. */
  private void selfSigned(Path certPem, Path keyPem) throws Exception {
    Path p12 = dir.resolve("tls.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "redis",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        p12.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "redis",
        "-keystore",
        p12.toString(),
        "-storepass",
        "changeit",
        "-file",
        certPem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey k = (PrivateKey) ks.getKey("redis", "changeit".toCharArray());
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(k.getEncoded());
    Files.writeString(
        keyPem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
  }

  private void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
