package dev.spool.store.sqlite.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Instants as SQLite integers: microseconds since the epoch. Reading back gives the instant
 * written, truncated to the microsecond.
 */
public final class Micros {
  private Micros() {}

  public static long of(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The instant as stored: truncated to the microsecond. */
  public static Instant truncate(Instant t) {
    return toInstant(of(t));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return toInstant(rs.getLong(column));
  }

  static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(toInstant(v));
  }

  static Optional<String> optString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }
}
