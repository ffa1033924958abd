package dev.spool.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Statement helpers the row classes share. */
final class Sql {
  private Sql() {}

  /** Runs one update with positional arguments; returns how many rows it changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }
}
