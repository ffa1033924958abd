package dev.spool.store.sqlite.internal;

import dev.spool.store.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reading nullable columns and {@link Micros} instants from a result set. */
final class Columns {
  private Columns() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Micros.toInstant(rs.getLong(column));
  }

  static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(v));
  }

  static Optional<String> optString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }
}
