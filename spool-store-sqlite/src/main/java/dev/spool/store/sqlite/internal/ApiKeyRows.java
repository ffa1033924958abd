package dev.spool.store.sqlite.internal;

import dev.spool.store.ApiKey;
import dev.spool.store.Micros;
import dev.spool.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL over the {@code api_keys} table. */
public final class ApiKeyRows {
  private static final String COLUMNS = "id, name, hash, created_at, revoked_at";

  private ApiKeyRows() {}

  public static Void save(Connection c, ApiKey key) throws SQLException {
    if (!query(
            c,
            "SELECT " + COLUMNS + " FROM api_keys WHERE id = ? OR hash = ?",
            key.id(),
            key.hash())
        .isEmpty()) {
      throw new StoreException("API key " + key.id() + " already exists");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO api_keys (id, name, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, key.id());
      ps.setString(2, key.name());
      ps.setString(3, key.hash());
      ps.setLong(4, Micros.of(key.createdAt()));
      ps.setObject(5, key.revokedAt().map(Micros::of).orElse(null));
      ps.executeUpdate();
    }
    return null;
  }

  public static List<ApiKey> query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<ApiKey> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new ApiKey(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("hash"),
                  Columns.instant(rs, "created_at"),
                  Columns.optInstant(rs, "revoked_at")));
        }
        return out;
      }
    }
  }

  public static List<ApiKey> byHash(Connection c, String hash) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE hash = ?", hash);
  }

  public static List<ApiKey> all(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
  }

  public static boolean revoke(Connection c, String id, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      ps.setLong(1, Micros.of(now));
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }
}
