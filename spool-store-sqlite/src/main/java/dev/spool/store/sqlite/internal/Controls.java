package dev.spool.store.sqlite.internal;

import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import dev.spool.store.RetryResult;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.RunRules;
import dev.spool.store.SignalResult;
import dev.spool.store.StoreEvents;
import dev.spool.store.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes that come from outside the run's lease: the reaper's recovery, cancel requests and
 * signals. Each runs inside the caller's {@code BEGIN IMMEDIATE} transaction, so the status it
 * checks is the status it changes.
 */
public final class Controls {
  private Controls() {}

  public static Optional<RunInfo> recoverExpired(
      Connection c, String runId, Instant now, int maxRecoveries) throws SQLException {
    if (!expired(c, runId, now)) {
      return Optional.empty();
    }
    return recover(c, runId, StoreEvents.LEASE_EXPIRED, now, maxRecoveries);
  }

  public static Optional<RunInfo> recoverFromDeadOwner(
      Connection c, String runId, String owner, Instant now, int maxRecoveries)
      throws SQLException {
    Optional<RunInfo> found = RunRows.get(c, runId);
    if (found.isEmpty()
        || found.get().status() != RunStatus.RUNNING
        || !found.get().leaseOwner().equals(Optional.of(owner))) {
      return Optional.empty();
    }
    return recover(c, runId, StoreEvents.PROCESS_GONE, now, maxRecoveries);
  }

  /** The reaper's move, as {@link RunRules#recover} says. */
  private static Optional<RunInfo> recover(
      Connection c, String runId, String cause, Instant now, int maxRecoveries)
      throws SQLException {
    RunInfo run = RunRows.get(c, runId).orElseThrow();
    RunRules.Recovery r = RunRules.recover(run, cause, maxRecoveries, now);
    Transition t = r.transition();
    append(c, run, r.events());
    update(
        c,
        "UPDATE runs SET recoveries = ?, status = ?, error = ?, lease_owner = NULL,"
            + " lease_expires_at = NULL, lease_ttl = NULL, finished_at = ? WHERE id = ?",
        r.recoveries(),
        t.status().wireName(),
        t.error().orElse(null),
        t.status().isTerminal() ? Micros.of(now) : null,
        runId);
    return RunRows.get(c, runId);
  }

  /** A cancel request, as {@link RunRules#cancel} says. */
  public static Optional<RunInfo> requestCancel(
      Connection c, String runId, String reason, Instant now) throws SQLException {
    Optional<RunInfo> found = RunRows.get(c, runId);
    if (found.isEmpty()) {
      return found;
    }
    RunInfo run = found.get();
    RunRules.Cancel cancel = RunRules.cancel(run, reason, now);
    if (cancel.event().isEmpty()) {
      return found;
    }
    append(c, run, List.of(cancel.event().get()));
    if (cancel.cancelled().isPresent()) {
      update(
          c,
          "UPDATE runs SET status = ?, error = ?, resume_at = NULL, finished_at = ? WHERE id = ?",
          cancel.cancelled().get().status().wireName(),
          cancel.cancelled().get().error().orElse(null),
          Micros.of(now),
          runId);
    }
    if (cancel.flag()) {
      update(c, "UPDATE runs SET cancel_requested = 1 WHERE id = ?", runId);
    }
    return RunRows.get(c, runId);
  }

  /** A retry, as {@link RunRules#retry} says: requeued with its failed steps marked retried. */
  public static Optional<RetryResult> retry(Connection c, String runId, String reason, Instant now)
      throws SQLException {
    Optional<RunInfo> found = RunRows.get(c, runId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RunInfo run = found.get();
    RunRules.Retry retry = RunRules.retry(run, reason, now);
    if (!retry.allowed()) {
      return Optional.of(new RetryResult(run, false));
    }
    append(c, run, List.of(retry.event().get()));
    EventRows.upsertCheckpoints(c, runId, RunRules.retried(EventRows.checkpoints(c, runId)));
    update(
        c,
        "UPDATE runs SET status = 'queued', result = NULL, error = NULL, finished_at = NULL,"
            + " resume_at = NULL, lease_owner = NULL, lease_expires_at = NULL, lease_ttl = NULL,"
            + " cancel_requested = 0, recoveries = 0 WHERE id = ?",
        runId);
    return Optional.of(new RetryResult(RunRows.get(c, runId).orElseThrow(), true));
  }

  public static Optional<SignalResult> sendSignal(
      Connection c, String runId, String name, String valueJson, Instant now) throws SQLException {
    Optional<RunInfo> found = RunRows.get(c, runId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RunInfo run = found.get();
    RunRules.Signal signal = RunRules.signal(run, name, valueJson, now);
    if (signal.event().isEmpty()) {
      return Optional.of(new SignalResult(run, Optional.empty()));
    }
    long seq = append(c, run, List.of(signal.event().get()));
    update(
        c,
        "UPDATE runs SET last_signal_seq = ?1, resume_at = CASE WHEN ?2 THEN ?3 ELSE resume_at END"
            + " WHERE id = ?4",
        seq,
        signal.resumeNow(),
        Micros.of(now),
        runId);
    Event event = EventRows.read(c, runId, seq - 1, 1).get(0);
    return Optional.of(new SignalResult(RunRows.get(c, runId).orElseThrow(), Optional.of(event)));
  }

  public static List<RunControl> controls(Connection c, String owner) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, cancel_requested, last_signal_seq FROM runs INDEXED BY runs_owner"
                + " WHERE lease_owner = ? AND status = 'running'"
                + " AND (cancel_requested = 1 OR last_signal_seq > 0)")) {
      ps.setString(1, owner);
      try (ResultSet rs = ps.executeQuery()) {
        List<RunControl> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new RunControl(rs.getString(1), rs.getBoolean(2), rs.getLong(3)));
        }
        return out;
      }
    }
  }

  private static boolean expired(Connection c, String runId, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM runs WHERE id = ? AND status = 'running' AND lease_expires_at < ?")) {
      ps.setString(1, runId);
      ps.setLong(2, Micros.of(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Appends after the run's last event and moves its last seq; returns the new last seq. */
  private static long append(Connection c, RunInfo run, List<NewEvent> events) throws SQLException {
    long last = EventRows.insert(c, run.runId(), run.lastSeq() + 1, events);
    update(c, "UPDATE runs SET last_seq = ? WHERE id = ?", last, run.runId());
    return last;
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
