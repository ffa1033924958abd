package dev.spool.bench.floors;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor under any PostgreSQL-backed step: one committed insert of one small row, through JDBC
 * on loopback, with the server's own durability settings (which it reports).
 */
public final class PgFloor {
  private PgFloor() {}

  public static Map<String, Object> measure(String url, String user, String password, int commits)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      Map<String, Object> out = new LinkedHashMap<>();
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS spool_bench_floor (id BIGSERIAL PRIMARY KEY, v TEXT)");
        for (String setting : new String[] {"synchronous_commit", "fsync", "server_version"}) {
          try (var rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            out.put(setting, rs.getString(1));
          }
        }
      }
      String row = "x".repeat(200);
      long[] micros = new long[commits];
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO spool_bench_floor (v) VALUES (?)")) {
        for (int i = 0; i < commits; i++) {
          long t0 = System.nanoTime();
          ins.setString(1, row);
          ins.executeUpdate(); // autocommit: one transaction per row
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE spool_bench_floor");
      }
      Arrays.sort(micros);
      out.put("p50Micros", micros[commits / 2]);
      out.put("p99Micros", micros[Math.min(commits - 1, (int) (commits * 0.99))]);
      return out;
    }
  }
}
