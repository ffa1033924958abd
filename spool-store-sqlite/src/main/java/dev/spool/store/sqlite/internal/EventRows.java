package dev.spool.store.sqlite.internal;

import dev.spool.Event;
import dev.spool.store.Checkpoint;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL over the {@code events} and {@code checkpoints} tables. */
public final class EventRows {
  private EventRows() {}

  /** Inserts {@code events} numbered from {@code firstSeq}; returns the last seq written. */
  static long insert(Connection c, String runId, long firstSeq, List<NewEvent> events)
      throws SQLException {
    long seq = firstSeq - 1;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO events (run_id, seq, ts, type, path, attempt, data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (NewEvent e : events) {
        seq++;
        ps.setString(1, runId);
        ps.setLong(2, seq);
        ps.setLong(3, Micros.of(e.ts()));
        ps.setString(4, e.type());
        ps.setString(5, e.path());
        ps.setInt(6, e.attempt());
        ps.setString(7, e.data());
        ps.executeUpdate();
      }
    }
    return seq;
  }

  public static List<Event> read(Connection c, String runId, long afterSeq, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, ts, type, path, attempt, data FROM events"
                + " WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
      ps.setString(1, runId);
      ps.setLong(2, afterSeq);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Event> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Event(
                  rs.getLong("seq"),
                  runId,
                  rs.getString("type"),
                  Columns.instant(rs, "ts"),
                  rs.getString("path"),
                  rs.getInt("attempt"),
                  rs.getString("data")));
        }
        return out;
      }
    }
  }

  /** Inserts or replaces the checkpoints, keyed by (run, path, attempt). */
  static void upsertCheckpoints(Connection c, String runId, List<Checkpoint> checkpoints)
      throws SQLException {
    if (checkpoints.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO checkpoints (run_id, path, attempt, kind, value, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, path, attempt) DO UPDATE"
                + " SET kind = excluded.kind, value = excluded.value, at = excluded.at")) {
      for (Checkpoint cp : checkpoints) {
        ps.setString(1, runId);
        ps.setString(2, cp.path());
        ps.setInt(3, cp.attempt());
        ps.setString(4, cp.kind().name());
        ps.setString(5, cp.value());
        ps.setLong(6, Micros.of(cp.at()));
        ps.executeUpdate();
      }
    }
  }

  public static List<Checkpoint> checkpoints(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT path, attempt, kind, value, at FROM checkpoints"
                + " WHERE run_id = ? ORDER BY path, attempt")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Checkpoint> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Checkpoint(
                  rs.getString("path"),
                  rs.getInt("attempt"),
                  Checkpoint.Kind.valueOf(rs.getString("kind")),
                  rs.getString("value"),
                  Columns.instant(rs, "at")));
        }
        return out;
      }
    }
  }
}
