package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.store.Checkpoint;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.CreateResult;
import dev.spool.store.FleetStore;
import dev.spool.store.KeyStore;
import dev.spool.store.Lease;
import dev.spool.store.LimitStore;
import dev.spool.store.NewRun;
import dev.spool.store.RetryResult;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that passes everything to another; tests override what they want to break or count. */
public class ForwardingStore implements Store {
  private final Store d;

  public ForwardingStore(Store delegate) {
    this.d = delegate;
  }

  @Override
  public CreateResult createRun(NewRun run) {
    return d.createRun(run);
  }

  @Override
  public Optional<RunInfo> getRun(String runId) {
    return d.getRun(runId);
  }

  @Override
  public List<RunInfo> listRuns(RunQuery query) {
    return d.listRuns(query);
  }

  @Override
  public Optional<Claim> claim(ClaimRequest request) {
    return d.claim(request);
  }

  @Override
  public Lease renew(Lease lease, Instant newExpiry) {
    return d.renew(lease, newExpiry);
  }

  @Override
  public long commit(Lease lease, Commit commit) {
    return d.commit(lease, commit);
  }

  @Override
  public List<Checkpoint> checkpoints(String runId) {
    return d.checkpoints(runId);
  }

  @Override
  public List<Event> readEvents(String runId, long afterSeq, int limit) {
    return d.readEvents(runId, afterSeq, limit);
  }

  @Override
  public List<Event> awaitEvents(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    return d.awaitEvents(runId, afterSeq, limit, maxWait);
  }

  @Override
  public List<RunInfo> expiredLeases(Instant now, int limit) {
    return d.expiredLeases(now, limit);
  }

  @Override
  public String describe() {
    return d.describe();
  }

  @Override
  public void close() {
    d.close();
  }

  @Override
  public Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries) {
    return d.recoverExpired(runId, now, maxRecoveries);
  }

  @Override
  public Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries) {
    return d.recoverFromDeadOwner(runId, owner, now, maxRecoveries);
  }

  @Override
  public Optional<RunInfo> requestCancel(String runId, String reason, Instant now) {
    return d.requestCancel(runId, reason, now);
  }

  @Override
  public Optional<RetryResult> retryRun(String runId, String reason, Instant now) {
    return d.retryRun(runId, reason, now);
  }

  @Override
  public Optional<SignalResult> sendSignal(
      String runId, String name, String valueJson, Instant now) {
    return d.sendSignal(runId, name, valueJson, now);
  }

  @Override
  public List<RunControl> controls(String owner) {
    return d.controls(owner);
  }

  @Override
  public KeyStore keys() {
    return d.keys();
  }

  @Override
  public LimitStore limits() {
    return d.limits();
  }

  @Override
  public FleetStore fleet() {
    return d.fleet();
  }
}
