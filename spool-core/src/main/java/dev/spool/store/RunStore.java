package dev.spool.store;

import dev.spool.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run role of a store: runs, their event streams, checkpoints, leases and controls. Both planes
 * meet only here. The store's other roles ({@link KeyStore}, {@link LimitStore}, {@link
 * FleetStore}) are interfaces of their own, reached through {@link Store}.
 *
 * <p>Contract, proven for every implementation by the conformance suite in spool-core's test-jar:
 *
 * <ul>
 *   <li>Each run's events have gapless sequence numbers starting at 1, also under concurrent
 *       appends from many threads and processes.
 *   <li>{@link #createRun} is idempotent on the idempotency key and writes the run and its {@code
 *       run.queued} event (seq 1) atomically.
 *   <li>{@link #commit} is atomic and fenced: it applies only while the lease's epoch is the run's
 *       current epoch and the run is running, otherwise it throws {@link LeaseLostException} and
 *       changes nothing.
 *   <li>Implementations are safe for concurrent use and must be closed by their owner.
 * </ul>
 */
public interface RunStore extends AutoCloseable {

  /**
   * Creates a queued run with its {@code run.queued} event, or returns the run its key names. A
   * fork ({@link NewRun#fork}) is written in the same atomic step with its {@code run.forked} event
   * and its seed checkpoints ({@link RunRules#created}).
   */
  CreateResult createRun(NewRun run);

  Optional<RunInfo> getRun(String runId);

  /** Runs newest first, filtered and paged as the query says. */
  List<RunInfo> listRuns(RunQuery query);

  /**
   * Claims a claimable run for the request's deployment and leases it: a queued run, a waiting run
   * whose resume time has passed, or (with {@code takeOverFrom}) a running run held by that dead
   * owner. The claim bumps the run's epoch and attempt and sets it running; it appends no event. It
   * hands back the lease with the run as it left it and the run's checkpoints, read in the same
   * round trip, so the worker can resume the run without reading it again.
   */
  Optional<Claim> claim(ClaimRequest request);

  /** Extends a lease (heartbeat); throws {@link LeaseLostException} when it is no longer held. */
  Lease renew(Lease lease, Instant newExpiry);

  /**
   * Extends many leases at once, each fenced like {@link #renew}: a worker's heartbeat over every
   * run it holds. Stores override it to take few round trips however many leases there are.
   *
   * @return the renewed leases, in the given order; a lease no longer held is left out
   */
  default List<Lease> renewAll(List<Lease> leases, Instant newExpiry) {
    List<Lease> renewed = new ArrayList<>(leases.size());
    for (Lease lease : leases) {
      try {
        renewed.add(renew(lease, newExpiry));
      } catch (LeaseLostException e) {
        // left out: the run belongs to someone else now
      }
    }
    return renewed;
  }

  /**
   * Applies events, checkpoints and an optional status change atomically under the lease.
   *
   * @return the sequence number of the last event written (the run's last seq if none)
   */
  long commit(Lease lease, Commit commit);

  /** Every checkpoint of a run, in one read, ordered by path then attempt. */
  List<Checkpoint> checkpoints(String runId);

  /** Up to {@code limit} events with sequence numbers greater than {@code afterSeq}, in order. */
  List<Event> readEvents(String runId, long afterSeq, int limit);

  /**
   * Like {@link #readEvents} but, when none are there yet, waits up to {@code maxWait} for the
   * first to arrive. Returns an empty list on timeout.
   */
  List<Event> awaitEvents(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException;

  /** Runs that are running with a lease that expired before {@code now}, oldest first. */
  List<RunInfo> expiredLeases(Instant now, int limit);

  /**
   * The reaper's move, atomic and safe to race: if the run is still running on a lease that expired
   * before {@code now}, appends {@code worker.lost} and requeues it (counting a recovery); a run
   * already recovered {@code maxRecoveries} times is failed instead, with a {@code run.failed}
   * event that says why.
   *
   * @return the run afterwards, or empty when there was nothing to do (renewed, ended, or another
   *     reaper got there first)
   */
  Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries);

  /**
   * The reaper's move for a run whose holder is known to be gone before its lease expired (a worker
   * process of this host that no longer exists): as {@link #recoverExpired}, but the run is
   * recovered if it is still running and held by {@code owner}, whatever its lease's expiry. The
   * {@code worker.lost} event says {@code "cause":"processGone"}.
   *
   * @return the run afterwards, or empty when there was nothing to do
   */
  Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries);

  /**
   * Asks a run to stop. A queued or waiting run (no worker holds it) is cancelled at once: {@code
   * run.cancelled} is appended and the run ends. A running run gets {@code run.cancel_requested}
   * and its flag set; its worker ends it at the next step boundary. A finished run is left as it
   * is.
   *
   * @return the run afterwards, or empty if there is no such run
   */
  Optional<RunInfo> requestCancel(String runId, String reason, Instant now);

  /**
   * Retries a failed or cancelled run from its checkpoints, atomically, as {@link RunRules#retry}
   * says; a run in any other status is left as it is.
   *
   * @param reason why, for the {@code run.retried} event ({@code ""} for none)
   * @return the outcome, or empty if there is no such run
   */
  Optional<RetryResult> retryRun(String runId, String reason, Instant now);

  /**
   * Delivers a signal durably: appends {@code signal.received} with {@code {"name":…,"value":…}} to
   * the run's stream, and makes a waiting run claimable now so a worker picks it up. Works whether
   * or not any worker is up. Nothing is written to a finished run.
   *
   * @param valueJson the signal's payload as JSON text
   * @return empty if there is no such run
   */
  Optional<SignalResult> sendSignal(String runId, String name, String valueJson, Instant now);

  /**
   * The running runs {@code owner} holds that have something to react to: a cancel request or a
   * signal. A run with neither is left out, so a worker holding many quiet runs reads little.
   */
  List<RunControl> controls(String owner);

  /** What this store is, for logs and health output: for example {@code sqlite:/path/spool.db}. */
  String describe();

  @Override
  void close();
}
