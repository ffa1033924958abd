package dev.spool.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event to append; the store assigns its sequence number.
 *
 * @param data the payload as a JSON object text
 */
public record NewEvent(String type, Instant ts, String path, int attempt, String data) {
  public NewEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
  }
}
