package dev.spool.bench.floors;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The physical floor for a durable step on SQLite: one write transaction of one small row, with the
 * same journal settings the store uses (WAL, synchronous=NORMAL), through the same JDBC driver.
 */
public final class SqliteFloor {
  private SqliteFloor() {}

  public static Map<String, Object> measure(Path file, int commits) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
      }
      String row = "x".repeat(200);
      long[] nanos = new long[commits];
      long start = System.nanoTime();
      try (Statement tx = c.createStatement();
          PreparedStatement ins = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
        for (int i = 0; i < commits; i++) {
          long t0 = System.nanoTime();
          tx.execute("BEGIN IMMEDIATE");
          ins.setString(1, row);
          ins.executeUpdate();
          tx.execute("COMMIT");
          nanos[i] = System.nanoTime() - t0;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(nanos);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("p50Micros", nanos[commits / 2] / 1000.0);
      out.put("p99Micros", nanos[Math.min(commits - 1, (int) (commits * 0.99))] / 1000.0);
      out.put("commitsPerSecond", commits / seconds);
      return out;
    }
  }
}
