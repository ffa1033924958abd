package dev.spool.store.redis.internal;

import dev.spool.RunStatus;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.Micros;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import dev.spool.store.WorkflowVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Claims, renewals and fenced commits, each one script on the run's partition. */
public final class Leases {
  private static final int CLAIM_ROUNDS = 3;
  private static final int RENEW_WINDOW = 256;

  private final Redis redis;
  private final CommitTokens tokens = new CommitTokens();

  public Leases(Redis redis) {
    this.redis = redis;
  }

  /** A head-of-partition candidate: the oldest claimable run of one partition. */
  private record Candidate(int partition, long created, String runId) {}

  /**
   * The oldest claimable run over all partitions, by (created, id): with one partition, one script
   * finds and claims it; with several, each partition names its oldest (in parallel) and the oldest
   * of those is claimed, falling back to the next if another claimer was faster.
   */
  public Optional<Claim> claim(ClaimRequest req) {
    Instant expiresAt = Micros.truncate(req.now().plus(req.ttl()));
    if (req.runId().isPresent()) {
      String id = req.runId().get();
      List<Object> r = redis.onRun(id, Script.CLAIM, args(req, expiresAt, id), "claim run " + id);
      return claim(r, req, expiresAt);
    }
    Layout layout = redis.layout();
    if (layout.partitions() == 1) {
      List<Object> r =
          redis.eval(Script.CLAIM, layout.partition(0), args(req, expiresAt, ""), "claim a run");
      return claim(r, req, expiresAt);
    }
    for (int round = 0; round < CLAIM_ROUNDS; round++) {
      List<Candidate> heads = heads(req);
      if (heads.isEmpty()) {
        return Optional.empty();
      }
      for (Candidate c : heads) {
        List<Object> r =
            redis.eval(
                Script.CLAIM,
                layout.partition(c.partition()),
                args(req, expiresAt, c.runId()),
                "claim run " + c.runId());
        Optional<Claim> claim = claim(r, req, expiresAt);
        if (claim.isPresent()) {
          redis.remember(c.runId(), c.partition());
          return claim;
        }
      }
    }
    return Optional.empty();
  }

  private List<Candidate> heads(ClaimRequest req) {
    String now = Micros.str(req.now());
    List<List<Object>> peeks =
        redis.evalAll(
            Script.PEEK,
            p -> List.of(req.deployment(), now, req.takeOverFrom().orElse(""), runnable(req)),
            "find a claimable run");
    List<Candidate> heads = new ArrayList<>();
    for (int p = 0; p < peeks.size(); p++) {
      List<Object> r = peeks.get(p);
      if (!r.isEmpty()) {
        heads.add(new Candidate(p, Long.parseLong(Codec.str(r, 0)), Codec.str(r, 1)));
      }
    }
    heads.sort(Comparator.comparingLong(Candidate::created).thenComparing(Candidate::runId));
    return heads;
  }

  private static List<String> args(ClaimRequest req, Instant expiresAt, String only) {
    long now = Micros.of(req.now());
    long exp = Micros.of(expiresAt);
    return List.of(
        req.owner(),
        req.deployment(),
        Long.toString(now),
        Long.toString(exp),
        Long.toString(exp - now),
        only,
        req.takeOverFrom().orElse(""),
        runnable(req));
  }

  /** The workflow versions the claimer runs, as the scripts take them: {@code wf@ver,…}, or '*'. */
  static String runnable(ClaimRequest req) {
    return req.runnable().map(WorkflowVersion::joinKeys).orElse("*");
  }

  private static Optional<Claim> claim(List<Object> r, ClaimRequest req, Instant expiresAt) {
    if (!Codec.is(r, "ok")) {
      return Optional.empty();
    }
    String runId = Codec.str(r, 1);
    Lease lease =
        new Lease(
            runId,
            req.owner(),
            Long.parseLong(Codec.str(r, 2)),
            expiresAt,
            Integer.parseInt(Codec.str(r, 3)));
    return Optional.of(
        new Claim(
            lease,
            Codec.run(Codec.fields(r.get(4))),
            Codec.checkpointList(Codec.fields(r.get(5)))));
  }

  public Lease renew(Lease lease, Instant newExpiry) {
    Instant exp = Micros.truncate(newExpiry);
    List<Object> r =
        redis.onRun(lease.runId(), Script.RENEW, renewArgs(lease, exp), renewing(lease));
    fenced(r, lease);
    return lease.renewedUntil(exp);
  }

  /**
   * Renews many leases with their scripts pipelined, {@value #RENEW_WINDOW} in flight at a time; a
   * run not found where this client expected it is looked up the slow way, one by one.
   */
  public List<Lease> renewAll(List<Lease> leases, Instant newExpiry) {
    Instant exp = Micros.truncate(newExpiry);
    List<Lease> renewed = new ArrayList<>(leases.size());
    for (int from = 0; from < leases.size(); from += RENEW_WINDOW) {
      List<Lease> batch = leases.subList(from, Math.min(leases.size(), from + RENEW_WINDOW));
      List<CompletableFuture<List<Object>>> replies = new ArrayList<>(batch.size());
      for (Lease lease : batch) {
        String partition = redis.layout().partition(redis.partitionOf(lease.runId()));
        replies.add(redis.evalAsync(Script.RENEW, partition, renewArgs(lease, exp)));
      }
      for (int i = 0; i < batch.size(); i++) {
        Lease lease = batch.get(i);
        List<Object> r = redis.connection().await(replies.get(i), renewing(lease));
        if (Codec.is(r, "nosuch")) {
          r = redis.onRun(lease.runId(), Script.RENEW, renewArgs(lease, exp), renewing(lease));
        }
        if (Codec.is(r, "ok")) {
          renewed.add(lease.renewedUntil(exp));
        }
      }
    }
    return renewed;
  }

  private static List<String> renewArgs(Lease lease, Instant exp) {
    return List.of(lease.runId(), lease.owner(), Long.toString(lease.epoch()), Micros.str(exp));
  }

  private static String renewing(Lease lease) {
    return "renew the lease on run " + lease.runId();
  }

  /**
   * Applies the commit in one script. Each commit carries a token the script remembers; if the
   * answer was lost (connection broken or timed out after sending), a retry of the same commit
   * reuses the token and the script answers with the first outcome instead of appending twice.
   */
  public long commit(Lease lease, Commit commit) {
    String token = tokens.tokenFor(lease, commit);
    List<String> args = new ArrayList<>();
    args.add(lease.runId());
    args.add(lease.owner());
    args.add(Long.toString(lease.epoch()));
    args.add(token);
    args.add(redis.retentionMillis());
    Codec.events(args, commit.events());
    Codec.checkpoints(args, commit.checkpoints());
    Optional<Transition> t = commit.transition();
    args.add(t.map(x -> x.status().wireName()).orElse(""));
    args.add(t.map(x -> Codec.opt(x.result())).orElse(""));
    args.add(t.map(x -> Codec.opt(x.error())).orElse(""));
    args.add(
        t.filter(x -> x.status() == RunStatus.WAITING)
            .map(x -> Codec.optInstant(x.resumeAt()))
            .orElse(""));
    args.add(t.map(x -> Codec.opt(x.wakeOnSignalAfter().map(String::valueOf))).orElse(""));
    List<Object> r;
    try {
      r = redis.onRun(lease.runId(), Script.COMMIT, args, "commit to run " + lease.runId());
    } catch (StoreException e) {
      tokens.unsure(lease, commit, token);
      throw e;
    }
    tokens.settled(lease, commit);
    fenced(r, lease);
    return Long.parseLong(Codec.str(r, 1));
  }

  private static void fenced(List<Object> r, Lease lease) {
    if (Codec.is(r, "lost")) {
      throw new LeaseLostException(lease.runId(), lease.epoch(), Codec.str(r, 1));
    }
    if (Codec.is(r, "nosuch")) {
      throw new LeaseLostException(lease.runId(), lease.epoch(), "no such run");
    }
  }
}
