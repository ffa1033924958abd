package dev.spool.store.sqlite.internal;

import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.Micros;
import dev.spool.store.RunInfo;
import dev.spool.store.Transition;
import dev.spool.store.WorkflowVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims, renewals and fenced commits. Every method runs inside the caller's {@code BEGIN
 * IMMEDIATE} transaction, so the fence check and the write it guards are one atomic step.
 */
public final class Leases {
  /**
   * {@link dev.spool.store.RunRules#claimable} in SQL, for a named run; ?1 now, ?2 dead owner (or
   * NULL). The per-index queries below say the same, so a claim of the next run finds it without a
   * scan; the conformance contracts pin every path.
   */
  private static final String CLAIMABLE =
      "(status = 'queued'"
          + " OR (status = 'waiting' AND resume_at <= ?1)"
          + " OR (status = 'running' AND lease_owner = ?2))";

  /**
   * {@link dev.spool.store.RunRules#placeable} in SQL: pinned to deployment ?3 or to none. The
   * workflow versions a claim may take are added per claim ({@link #runnable}).
   */
  private static final String PLACED = "(deployment = ?3 OR deployment = '')";

  /**
   * The oldest queued run and the oldest due waiting run of one deployment and workflow version,
   * each through its own index, so finished runs and runs of other versions are never scanned. %1$s
   * is the deployment (?3 or ''), %2$s and %3$s the workflow and version parameters.
   */
  private static final String OLDEST_OF_VERSION =
      "SELECT id, created_at FROM (SELECT id, created_at FROM runs INDEXED BY runs_place"
          + " WHERE deployment = %1$s AND workflow = %2$s AND version = %3$s AND status = 'queued'"
          + " ORDER BY created_at, id LIMIT 1)"
          + " UNION ALL SELECT id, created_at FROM (SELECT id, created_at FROM runs"
          + " INDEXED BY runs_place_resume WHERE deployment = %1$s AND workflow = %2$s"
          + " AND version = %3$s AND status = 'waiting' AND resume_at <= ?1"
          + " ORDER BY created_at, id LIMIT 1)";

  /** A claim that may take any workflow version (tools and tests that run no code). */
  private static final String OLDEST_OF_ANY =
      "SELECT id, created_at FROM (SELECT id, created_at FROM runs WHERE "
          + PLACED
          + " AND (status = 'queued' OR (status = 'waiting' AND resume_at <= ?1))"
          + " ORDER BY created_at, id LIMIT 1)";

  /** With a dead owner to take over from, its oldest running run this claim may take, too. */
  private static final String OLDEST_OF_DEAD_OWNER =
      " UNION ALL SELECT id, created_at FROM (SELECT id, created_at FROM runs INDEXED BY runs_owner"
          + " WHERE lease_owner = ?2 AND status = 'running' AND "
          + PLACED
          + "%s ORDER BY created_at, id LIMIT 1)";

  /** The first parameter number of the runnable workflow versions (name, version pairs). */
  private static final int FIRST_VERSION_PARAM = 5;

  private Leases() {}

  /**
   * Claims the oldest claimable run and reads it back in the same transaction: the updated row
   * (from {@code RETURNING}) and its checkpoints.
   */
  public static Optional<Claim> claim(Connection c, ClaimRequest req) throws SQLException {
    Optional<String> candidate = candidate(c, req);
    if (candidate.isEmpty()) {
      return Optional.empty();
    }
    String runId = candidate.get();
    long now = Micros.of(req.now());
    Instant expiresAt = Micros.truncate(req.now().plus(req.ttl()));
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE runs SET status = 'running', lease_epoch = lease_epoch + 1,"
                + " attempt = attempt + 1, lease_owner = ?, lease_expires_at = ?, lease_ttl = ?,"
                + " heartbeat_at = ?, started_at = COALESCE(started_at, ?), resume_at = NULL"
                + " WHERE id = ? RETURNING lease_epoch, "
                + RunRows.COLUMNS)) {
      ps.setString(1, req.owner());
      ps.setLong(2, Micros.of(expiresAt));
      ps.setLong(3, Micros.of(expiresAt) - now);
      ps.setLong(4, now);
      ps.setLong(5, now);
      ps.setString(6, runId);
      Lease lease;
      RunInfo run;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        run = RunRows.map(rs);
        lease = new Lease(runId, req.owner(), rs.getLong("lease_epoch"), expiresAt, run.attempt());
      }
      // Checkpoints are written under a lease or with a fork's first events, so a first claim of a
      // run with nothing past its run.queued has none: no read under the write lock for it.
      List<Checkpoint> checkpoints =
          run.attempt() > 1 || run.lastSeq() > 1 ? EventRows.checkpoints(c, runId) : List.of();
      return Optional.of(new Claim(lease, run, checkpoints));
    }
  }

  /** The oldest claimable run the request may take, by (created_at, id). */
  private static Optional<String> candidate(Connection c, ClaimRequest req) throws SQLException {
    List<WorkflowVersion> versions = req.runnable().map(List::copyOf).orElse(List.of());
    if (req.runnable().isPresent() && versions.isEmpty()) {
      return Optional.empty(); // a worker that registered nothing runs nothing
    }
    String filter = req.runnable().isPresent() ? " AND " + runnable(versions.size()) : "";
    String sql;
    if (req.runId().isPresent()) {
      sql = "SELECT id FROM runs WHERE id = ?4 AND " + PLACED + " AND " + CLAIMABLE + filter;
    } else {
      StringBuilder union = new StringBuilder();
      if (req.runnable().isEmpty()) {
        union.append(OLDEST_OF_ANY);
      }
      for (int i = 0; i < versions.size(); i++) {
        for (String dep : req.deployment().isEmpty() ? List.of("''") : List.of("?3", "''")) {
          if (!union.isEmpty()) {
            union.append(" UNION ALL ");
          }
          int p = FIRST_VERSION_PARAM + 2 * i;
          union.append(String.format(OLDEST_OF_VERSION, dep, "?" + p, "?" + (p + 1)));
        }
      }
      if (req.takeOverFrom().isPresent()) {
        union.append(String.format(OLDEST_OF_DEAD_OWNER, filter));
      }
      sql = "SELECT id FROM (" + union + ") ORDER BY created_at, id LIMIT 1";
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      // Every query uses ?1 to ?3; ?4 only for a named run, where the versions (if any) follow.
      int used = ps.getParameterMetaData().getParameterCount();
      ps.setLong(1, Micros.of(req.now()));
      ps.setString(2, req.takeOverFrom().orElse(null));
      ps.setString(3, req.deployment());
      if (used >= 4) {
        ps.setString(4, req.runId().orElse(null));
      }
      for (int i = 0; i < versions.size(); i++) {
        ps.setString(FIRST_VERSION_PARAM + 2 * i, versions.get(i).name());
        ps.setString(FIRST_VERSION_PARAM + 2 * i + 1, versions.get(i).version());
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** The run's workflow version is one of {@code n} (name, version) parameters. */
  private static String runnable(int n) {
    StringBuilder sb = new StringBuilder("(workflow, version) IN (VALUES ");
    for (int i = 0; i < n; i++) {
      int p = FIRST_VERSION_PARAM + 2 * i;
      sb.append(i == 0 ? "" : ", ").append("(?").append(p).append(", ?").append(p + 1).append(')');
    }
    return sb.append(')').toString();
  }

  /**
   * Extends the lease. The heartbeat time is the new expiry less the lease's ttl: the renewer's
   * clock when it renews with the ttl it claimed with, and never this process's wall clock, so
   * tests that drive time themselves see consistent values.
   */
  public static Lease renew(Connection c, Lease lease, Instant newExpiry) throws SQLException {
    fence(c, lease);
    Instant expiresAt = Micros.truncate(newExpiry);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE runs SET lease_expires_at = ?1, heartbeat_at = ?1 - lease_ttl WHERE id = ?2")) {
      ps.setLong(1, Micros.of(expiresAt));
      ps.setString(2, lease.runId());
      ps.executeUpdate();
    }
    return lease.renewedUntil(expiresAt);
  }

  /** Renews each lease still held, like {@link #renew}; the ones no longer held are left out. */
  public static List<Lease> renewAll(Connection c, List<Lease> leases, Instant newExpiry)
      throws SQLException {
    List<Lease> renewed = new ArrayList<>(leases.size());
    for (Lease lease : leases) {
      try {
        renewed.add(renew(c, lease, newExpiry));
      } catch (LeaseLostException e) {
        // the fence threw before anything changed: left out, the rest go on
      }
    }
    return renewed;
  }

  /**
   * Appends the events after the run's last seq, upserts the checkpoints and applies the
   * transition. A terminal transition's finish time is the time of the run's last event (the
   * commit's own last event, if it has any).
   *
   * @return the run's last seq afterwards
   */
  public static long commit(Connection c, Lease lease, Commit commit) throws SQLException {
    long lastSeq = fence(c, lease);
    if (!commit.events().isEmpty()) {
      lastSeq = EventRows.insert(c, lease.runId(), lastSeq + 1, commit.events());
    }
    EventRows.upsertCheckpoints(c, lease.runId(), commit.checkpoints());
    Optional<Transition> t = commit.transition().filter(x -> x.status() != RunStatus.RUNNING);
    String sql =
        t.isEmpty()
            ? "UPDATE runs SET last_seq = ?1 WHERE id = ?2"
            : "UPDATE runs SET last_seq = ?1, status = ?3, result = ?4, error = ?5,"
                + " resume_at = CASE WHEN ?8 IS NOT NULL AND last_signal_seq > ?8"
                + " THEN (SELECT ts FROM events WHERE run_id = ?2 AND seq = ?1) ELSE ?6 END,"
                + " lease_owner = NULL,"
                + " lease_expires_at = NULL, lease_ttl = NULL, finished_at = CASE WHEN ?7"
                + " THEN (SELECT ts FROM events WHERE run_id = ?2 AND seq = ?1) END WHERE id = ?2";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, lastSeq);
      ps.setString(2, lease.runId());
      if (t.isPresent()) {
        Transition tr = t.get();
        ps.setString(3, tr.status().wireName());
        ps.setString(4, tr.result().orElse(null));
        ps.setString(5, tr.error().orElse(null));
        setMicros(ps, 6, tr.status() == RunStatus.WAITING ? tr.resumeAt() : Optional.empty());
        ps.setBoolean(7, tr.status().isTerminal());
        ps.setObject(8, tr.wakeOnSignalAfter().orElse(null));
      }
      ps.executeUpdate();
    }
    return lastSeq;
  }

  /**
   * Checks that {@code lease} still holds its run: the run exists, is running, and its owner and
   * epoch are the lease's. Throws {@link LeaseLostException} naming what changed.
   *
   * @return the run's last seq
   */
  private static long fence(Connection c, Lease lease) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status, lease_owner, lease_epoch, last_seq FROM runs WHERE id = ?")) {
      ps.setString(1, lease.runId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw lost(lease, "no such run");
        }
        String status = rs.getString("status");
        String owner = rs.getString("lease_owner");
        long epoch = rs.getLong("lease_epoch");
        if (epoch != lease.epoch()) {
          throw lost(lease, "the run was claimed again (epoch " + epoch + ")");
        }
        if (!"running".equals(status) || !lease.owner().equals(owner)) {
          throw lost(lease, "the lease was released and the run is " + status);
        }
        return rs.getLong("last_seq");
      }
    }
  }

  private static LeaseLostException lost(Lease lease, String reason) {
    return new LeaseLostException(lease.runId(), lease.epoch(), reason);
  }

  private static void setMicros(PreparedStatement ps, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, Micros.of(value.get()));
    } else {
      ps.setObject(index, null);
    }
  }
}
