package dev.spool.server.internal;

import java.time.Duration;
import java.util.Objects;

/** A server's settings, checked once by the builder. */
public record Settings(
    String host,
    int port,
    boolean requireApiKeys,
    long maxBodyBytes,
    Duration keepAlive,
    boolean webUi) {
  public Settings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) to 65535, got " + port);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be 1 to " + (Integer.MAX_VALUE - 8) + ", got " + maxBodyBytes);
    }
    if (keepAlive.compareTo(Duration.ofMillis(10)) < 0
        || keepAlive.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("keepAlive must be 10ms to 5m, got " + keepAlive);
    }
  }
}
