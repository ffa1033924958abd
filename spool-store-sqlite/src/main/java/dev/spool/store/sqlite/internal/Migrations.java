package dev.spool.store.sqlite.internal;

import dev.spool.store.Micros;
import dev.spool.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store's schema up to date. Each migration is a resource {@code V<n>__<name>.sql} whose
 * first line is a comment saying its purpose; applied versions are rows of {@code schema_version}.
 * All pending migrations run in one {@code BEGIN IMMEDIATE} transaction, so two processes opening
 * the same new file at once apply them exactly once.
 */
public final class Migrations {
  /** Every migration, in order; version n is the n-th entry. */
  static final List<String> FILES =
      List.of("V1__init.sql", "V2__control.sql", "V3__fleet.sql", "V4__placement.sql");

  private static final String RESOURCE_DIR = "/dev/spool/store/sqlite/";

  private Migrations() {}

  /** The schema version this code writes. */
  public static int latestVersion() {
    return FILES.size();
  }

  /** Fails unless the database is a Spool store: an existing SQLite file is not enough. */
  static void requireStore(Connection c, Path file) throws SQLException {
    if (!hasVersionTable(c)) {
      throw new StoreException("no Spool store at " + file + " (no schema_version table)");
    }
  }

  static void apply(Connection c, Path file) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      boolean done = false;
      try {
        st.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                + " description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        int current = currentVersion(c);
        if (current > latestVersion()) {
          throw new StoreException(
              "Spool store at "
                  + file
                  + " has schema version "
                  + current
                  + ", newer than this Spool supports ("
                  + latestVersion()
                  + "); upgrade Spool to open it");
        }
        for (int v = current + 1; v <= latestVersion(); v++) {
          applyOne(c, v);
        }
        st.execute("COMMIT");
        done = true;
      } finally {
        if (!done) {
          rollbackQuietly(st);
        }
      }
    }
  }

  private static void rollbackQuietly(Statement st) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // The failure that got us here is the one worth reporting.
    }
  }

  private static boolean hasVersionTable(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")) {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int currentVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void applyOne(Connection c, int version) throws SQLException {
    String name = FILES.get(version - 1);
    String sql = load(name);
    try (Statement st = c.createStatement()) {
      for (String statement : statements(sql)) {
        st.execute(statement);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      ps.setInt(1, version);
      ps.setString(2, purpose(name, sql));
      ps.setLong(3, Micros.of(Instant.now()));
      ps.executeUpdate();
    }
  }

  static String load(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing: " + RESOURCE_DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  /** The file's statements: comment lines dropped, split at semicolons that end a line. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /** The first line's comment, which says what the migration is for. */
  private static String purpose(String name, String sql) {
    String first = sql.lines().findFirst().orElse("").strip();
    return first.startsWith("--") ? first.substring(2).strip() : name;
  }
}
