package dev.spool.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The physical floor for a durable step on SQLite: one write transaction of one small row, with the
 * same journal settings the store uses, from Java through the same JDBC driver.
 */
final class SqliteFloor {
  private SqliteFloor() {}

  static double microsPerCommit(Path file, int commits) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
      }
      String row = "x".repeat(200);
      long[] micros = new long[commits];
      try (Statement tx = c.createStatement();
          PreparedStatement ins = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
        for (int i = 0; i < commits; i++) {
          long t0 = System.nanoTime();
          tx.execute("BEGIN IMMEDIATE");
          ins.setString(1, row);
          ins.executeUpdate();
          tx.execute("COMMIT");
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
      }
      Arrays.sort(micros);
      return micros[commits / 2];
    }
  }
}
