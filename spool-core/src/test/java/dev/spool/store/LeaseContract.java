package dev.spool.store;

import static dev.spool.store.StoreFixtures.DEPLOYMENT;
import static dev.spool.store.StoreFixtures.TTL;
import static dev.spool.store.StoreFixtures.WORKFLOW;
import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.checkpoint;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.progress;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.EventTypes;
import dev.spool.RunStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RunStore} claims, leases, fencing and status transitions. */
public interface LeaseContract extends StoreContract {

  @Test
  default void claimTakesOldestQueuedRunOfItsDeploymentAndStartsIt() {
    store().createRun(newRun(runId(1), WORKFLOW, "other", at(1), Optional.empty()));
    store().createRun(newRun(runId(2), at(2)));
    store().createRun(newRun(runId(3), at(3)));

    Lease lease = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();

    assertThat(lease.runId()).isEqualTo(runId(2));
    assertThat(lease.owner()).isEqualTo("w1");
    assertThat(lease.attempt()).isEqualTo(1);
    assertThat(lease.epoch()).isPositive();
    assertThat(lease.expiresAt()).isEqualTo(at(10).plus(TTL));
    RunInfo run = run(runId(2));
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.startedAt()).contains(at(10));
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.leaseOwner()).contains("w1");
    assertThat(run.heartbeatAt()).contains(at(10));
    assertThat(run.lastSeq()).as("claim appends no event").isEqualTo(1);
    assertThat(run(runId(1)).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run(runId(3)).status()).isEqualTo(RunStatus.QUEUED);
  }

  /** Claims go by creation time, not by when a run (re)entered the queue. */
  @Test
  default void aRequeuedRunIsClaimedBeforeNewerQueuedRuns() {
    createRuns(3);
    Lease first = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    assertThat(first.runId()).isEqualTo(runId(1));
    store().commit(first, Commit.of(Transition.requeued(), event("run.requeued", at(11))));

    assertThat(store().claim(claimAt("w2", at(12))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(runId(1));
    assertThat(store().claim(claimAt("w2", at(12))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(runId(2));
  }

  @Test
  default void aDueWaitingRunIsClaimedBeforeNewerQueuedRunsAndNotBeforeItIsDue() {
    Lease lease = createAndClaim("w1");
    store()
        .commit(
            lease,
            Commit.of(Transition.waitingUntil(at(50)), event(EventTypes.RUN_WAITING, at(11))));
    store().createRun(newRun(runId(2), at(20)));
    store().createRun(newRun(runId(3), at(30)));

    assertThat(store().claim(claimAt("w2", at(40))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(runId(2));
    assertThat(store().claim(claimAt("w2", at(60))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(runId(1));
    assertThat(store().claim(claimAt("w2", at(60))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(runId(3));
  }

  @Test
  default void claimedRunIsNotClaimedAgain() {
    createAndClaim("w1");
    assertThat(store().claim(claimAt("w2", at(11))).map(Claim::lease)).isEmpty();
  }

  @Test
  default void nothingClaimableGivesEmpty() {
    assertThat(store().claim(claimAt("w1", at(10))).map(Claim::lease)).isEmpty();
    store().createRun(newRun(runId(1), WORKFLOW, "other", at(1), Optional.empty()));
    assertThat(store().claim(claimAt("w1", at(10))).map(Claim::lease)).isEmpty();
  }

  @Test
  default void onlyRunClaimsJustThatRun() {
    createRuns(3);
    Lease lease =
        store().claim(claimAt("w1", at(10)).onlyRun(runId(3))).map(Claim::lease).orElseThrow();
    assertThat(lease.runId()).isEqualTo(runId(3));
    assertThat(run(runId(1)).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(store().claim(claimAt("w1", at(10)).onlyRun(runId(3))).map(Claim::lease)).isEmpty();
    assertThat(store().claim(claimAt("w1", at(10)).onlyRun("no-such-run")).map(Claim::lease))
        .isEmpty();
  }

  @Test
  default void takeOverClaimsRunningRunOfTheDeadOwnerOnly() {
    Lease first = createAndClaim("w1");

    assertThat(store().claim(claimAt("w2", at(20)).takingOverFrom("w3")).map(Claim::lease))
        .isEmpty();
    Lease second =
        store().claim(claimAt("w2", at(20)).takingOverFrom("w1")).map(Claim::lease).orElseThrow();

    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.owner()).isEqualTo("w2");
    assertThat(second.epoch()).isGreaterThan(first.epoch());
    assertThat(second.attempt()).isEqualTo(2);
    RunInfo run = run(first.runId());
    assertThat(run.leaseOwner()).contains("w2");
    assertThat(run.startedAt()).as("started once").contains(at(10));
    assertThat(run.attempt()).isEqualTo(2);
  }

  @Test
  default void epochAndAttemptGrowWithEveryClaim() {
    Lease lease = createAndClaim("w1");
    long epoch = lease.epoch();
    for (int i = 2; i <= 4; i++) {
      store().commit(lease, Commit.of(Transition.requeued(), event("run.requeued", at(10 * i))));
      lease = store().claim(claimAt("w" + i, at(10 * i + 1))).map(Claim::lease).orElseThrow();
      assertThat(lease.epoch()).isGreaterThan(epoch);
      assertThat(lease.attempt()).isEqualTo(i);
      epoch = lease.epoch();
    }
    assertThat(run(lease.runId()).startedAt()).contains(at(10));
  }

  @Test
  default void waitingRunIsClaimableOnceItsResumeTimeHasCome() {
    Lease lease = createAndClaim("w1");
    store()
        .commit(
            lease,
            Commit.of(Transition.waitingUntil(at(100)), event(EventTypes.RUN_WAITING, at(11))));

    RunInfo waiting = run(lease.runId());
    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.resumeAt()).contains(at(100));
    assertThat(waiting.leaseOwner()).isEmpty();
    assertThatThrownBy(() -> store().commit(lease, Commit.of(event("late", at(12)))))
        .isInstanceOf(LeaseLostException.class);

    assertThat(store().claim(claimAt("w2", at(99))).map(Claim::lease)).isEmpty();
    Lease resumed = store().claim(claimAt("w2", at(100))).map(Claim::lease).orElseThrow();
    assertThat(resumed.runId()).isEqualTo(lease.runId());
    assertThat(resumed.epoch()).isGreaterThan(lease.epoch());
    assertThat(resumed.attempt()).isEqualTo(2);
    RunInfo running = run(lease.runId());
    assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(running.resumeAt()).isEmpty();
    assertThat(running.startedAt()).contains(at(10));
  }

  @Test
  default void requeuedRunIsClaimableAtOnce() {
    Lease lease = createAndClaim("w1");
    store().commit(lease, Commit.of(Transition.requeued(), event("run.requeued", at(11))));

    RunInfo queued = run(lease.runId());
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.leaseOwner()).isEmpty();
    assertThatThrownBy(() -> store().renew(lease, at(50))).isInstanceOf(LeaseLostException.class);
    Lease again = store().claim(claimAt("w2", at(11))).map(Claim::lease).orElseThrow();
    assertThat(again.epoch()).isGreaterThan(lease.epoch());
  }

  @Test
  default void completedStoresResultAndReleasesTheLease() {
    Lease lease = createAndClaim("w1");
    long last =
        store()
            .commit(
                lease,
                Commit.of(
                    Transition.completed("{\"text\":\"done\"}"), event("run.completed", at(20))));

    assertThat(last).isEqualTo(2);
    RunInfo run = run(lease.runId());
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.result()).contains("{\"text\":\"done\"}");
    assertThat(run.error()).isEmpty();
    assertThat(run.finishedAt()).as("the commit's event time").contains(at(20));
    assertThat(run.leaseOwner()).isEmpty();
    assertThatThrownBy(() -> store().commit(lease, Commit.of(event("late", at(21)))))
        .isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> store().renew(lease, at(60))).isInstanceOf(LeaseLostException.class);
    assertThat(allEvents(lease.runId())).hasSize(2);
    assertThat(store().claim(claimAt("w2", at(30)).takingOverFrom("w1")).map(Claim::lease))
        .isEmpty();
  }

  @Test
  default void terminalCommitWithoutEventsFinishesAtTheRunsLastEvent() {
    Lease lease = createAndClaim("w1");
    store().commit(lease, Commit.of(event("last", at(15))));
    Transition done = Transition.completed("1");

    long last = store().commit(lease, new Commit(List.of(), List.of(), Optional.of(done)));

    assertThat(last).isEqualTo(2);
    assertThat(run(lease.runId()).finishedAt()).contains(at(15));
    assertThat(run(lease.runId()).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  default void failedAndCancelledStoreTheError() {
    createRuns(2);
    Lease a = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease b = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();

    store()
        .commit(a, Commit.of(Transition.failed("{\"type\":\"X\"}"), event("run.failed", at(20))));
    store()
        .commit(
            b, Commit.of(Transition.cancelled("{\"type\":\"C\"}"), event("run.cancelled", at(21))));

    RunInfo failed = run(a.runId());
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error()).contains("{\"type\":\"X\"}");
    assertThat(failed.result()).isEmpty();
    assertThat(failed.finishedAt()).contains(at(20));
    RunInfo cancelled = run(b.runId());
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.error()).contains("{\"type\":\"C\"}");
    assertThat(cancelled.finishedAt()).contains(at(21));
    assertThatThrownBy(() -> store().commit(b, Commit.of(event("late", at(22)))))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  default void staleLeaseChangesNothingAfterTakeOver() {
    Lease old = createAndClaim("w1");
    store().commit(old, Commit.of(checkpoint("wf/a#0", 1, "\"a\"", at(11)), event("x", at(11))));
    Lease current =
        store().claim(claimAt("w2", at(20)).takingOverFrom("w1")).map(Claim::lease).orElseThrow();
    RunInfo before = run(old.runId());

    Commit stale =
        new Commit(
            List.of(event("stale", at(21))),
            List.of(checkpoint("wf/a#0", 1, "\"stale\"", at(21))),
            Optional.of(Transition.completed("\"stale\"")));
    assertThatThrownBy(() -> store().commit(old, stale))
        .isInstanceOf(LeaseLostException.class)
        .satisfies(e -> assertThat(((LeaseLostException) e).runId()).isEqualTo(old.runId()));
    assertThatThrownBy(() -> store().renew(old, at(500))).isInstanceOf(LeaseLostException.class);

    assertThat(run(old.runId())).isEqualTo(before);
    assertThat(allEvents(old.runId())).hasSize(2);
    assertThat(store().checkpoints(old.runId()))
        .containsExactly(checkpoint("wf/a#0", 1, "\"a\"", at(11)));
    assertThat(store().commit(current, Commit.of(event("fresh", at(22))))).isEqualTo(3);
  }

  @Test
  default void epochFencesEvenWhenTheSameOwnerClaimsAgain() {
    Lease old = createAndClaim("w1");
    Lease current =
        store().claim(claimAt("w1", at(20)).takingOverFrom("w1")).map(Claim::lease).orElseThrow();
    assertThat(current.owner()).isEqualTo(old.owner());

    assertThatThrownBy(() -> store().commit(old, Commit.of(event("stale", at(21)))))
        .isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> store().renew(old, at(500))).isInstanceOf(LeaseLostException.class);
    assertThat(allEvents(old.runId())).hasSize(1);
    assertThat(store().commit(current, Commit.of(event("fresh", at(22))))).isEqualTo(2);
  }

  @Test
  default void commitWithLeaseOfUnknownRunIsFenced() {
    Lease ghost = new Lease("no-such-run", "w1", 1, at(100), 1);
    assertThatThrownBy(() -> store().commit(ghost, Commit.of(event("x", at(1)))))
        .isInstanceOf(LeaseLostException.class);
  }

  /**
   * {@link RunStore#renew} carries no clock reading, so the heartbeat is the new expiry less the
   * lease's ttl: the renewer's own time when it renews with the ttl it claimed with. No store reads
   * a wall clock, so tests that drive time see consistent values.
   */
  @Test
  default void renewExtendsTheLeaseAndTheHeartbeat() {
    Lease lease = createAndClaim("w1");
    assertThat(run(lease.runId()).heartbeatAt()).contains(at(10));

    Lease renewed = store().renew(lease, at(100));

    assertThat(renewed).isEqualTo(lease.renewedUntil(at(100)));
    assertThat(run(lease.runId()).heartbeatAt()).contains(at(100).minus(TTL));
    assertThat(store().expiredLeases(at(99), 10)).isEmpty();
    assertThat(store().expiredLeases(at(100), 10)).as("expiry must be before now").isEmpty();
    assertThat(store().expiredLeases(at(100).plusMillis(1), 10))
        .extracting(RunInfo::runId)
        .containsExactly(lease.runId());
    assertThat(store().commit(renewed, Commit.of(event("x", at(50))))).isEqualTo(2);
  }

  @Test
  default void renewAllRenewsTheLeasesStillHeldAndLeavesOutTheRest() {
    createRuns(3);
    Lease held = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease takenOver = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease ended = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    store()
        .claim(claimAt("w2", at(20)).onlyRun(takenOver.runId()).takingOverFrom("w1"))
        .map(Claim::lease)
        .orElseThrow();
    store().commit(ended, Commit.of(Transition.completed("1"), event("run.completed", at(11))));
    RunInfo otherOwners = run(takenOver.runId());
    Lease ghost = new Lease("no-such-run", "w1", 1, at(100), 1);

    List<Lease> renewed = store().renewAll(List.of(held, takenOver, ghost, ended), at(100));

    assertThat(renewed).containsExactly(held.renewedUntil(at(100)));
    assertThat(run(held.runId()).heartbeatAt()).contains(at(100).minus(TTL));
    assertThat(run(takenOver.runId())).isEqualTo(otherOwners);
    assertThat(run(ended.runId()).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(store().renewAll(List.of(), at(100))).isEmpty();
  }

  @Test
  default void renewAllRenewsHundredsOfLeasesInOrder() {
    createRuns(600);
    List<Lease> leases = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      leases.add(store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow());
    }

    List<Lease> renewed = store().renewAll(leases, at(100));

    assertThat(renewed)
        .containsExactlyElementsOf(leases.stream().map(l -> l.renewedUntil(at(100))).toList());
    assertThat(store().expiredLeases(at(100), 10)).isEmpty();
    assertThat(store().expiredLeases(at(100).plusMillis(1), 1000)).hasSize(600);
  }

  @Test
  default void expiredLeasesListsOnlyRunningRunsPastTheirExpiryOldestFirst() {
    createRuns(4);
    Lease a = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease b = store().claim(claimAt("w1", at(5))).map(Claim::lease).orElseThrow();
    Lease c = store().claim(claimAt("w1", at(50))).map(Claim::lease).orElseThrow();
    store().commit(c, Commit.of(Transition.completed("1"), event("run.completed", at(51))));

    List<RunInfo> expired = store().expiredLeases(at(10).plus(TTL).plusMillis(1), 10);

    assertThat(expired).extracting(RunInfo::runId).containsExactly(b.runId(), a.runId());
    assertThat(expired).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.RUNNING));
    assertThat(store().expiredLeases(at(10).plus(TTL).plusMillis(1), 1))
        .extracting(RunInfo::runId)
        .containsExactly(b.runId());
    assertThat(store().expiredLeases(at(5), 10)).isEmpty();
    assertThat(run(runId(4)).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run(a.runId()).deployment()).isEqualTo(DEPLOYMENT);
  }

  @Test
  default void checkpointsRoundTripOrderedByPathThenAttemptAndUpsert() {
    Lease lease = createAndClaim("w1");
    Checkpoint b1 = checkpoint("wf/b#1", 1, "{\"b\":1}", at(11));
    Checkpoint a2 = checkpoint("wf/a#0", 2, "{\"a\":2}", at(12));
    Checkpoint a1 =
        new Checkpoint("wf/a#0", 1, Checkpoint.Kind.ATTEMPT_FAILED, "{\"err\":1}", at(13));
    long none = store().commit(lease, new Commit(List.of(), List.of(b1, a2, a1), Optional.empty()));

    assertThat(none).as("no events: the run's last seq").isEqualTo(1);

    assertThat(store().checkpoints(lease.runId())).containsExactly(a1, a2, b1);
    Checkpoint a1Again = new Checkpoint("wf/a#0", 1, Checkpoint.Kind.FAILED, "{\"err\":2}", at(14));
    long last = store().commit(lease, Commit.of(a1Again, progress(at(14), "{}")));
    assertThat(last).isEqualTo(2);
    assertThat(store().checkpoints(lease.runId())).containsExactly(a1Again, a2, b1);
    assertThat(store().checkpoints("no-such-run")).isEmpty();
  }

  /** What resuming needs comes back with the lease: no read of the run between claim and work. */
  @Test
  default void aClaimHandsBackTheRunAsItLeftItAndItsCheckpoints() {
    createRuns(1);
    Claim first = store().claim(claimAt("w1", at(10))).orElseThrow();
    assertThat(first.run()).isEqualTo(run(runId(1)));
    assertThat(first.run().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(first.checkpoints()).as("a first claim finds none").isEmpty();

    Checkpoint b = checkpoint("wf/b#1", 1, "{\"b\":1}", at(11));
    Checkpoint a = checkpoint("wf/a#0", 1, "{\"a\":1}", at(12));
    store()
        .commit(
            first.lease(),
            new Commit(
                List.of(event("run.requeued", at(12))),
                List.of(b, a),
                Optional.of(Transition.requeued())));

    Claim second = store().claim(claimAt("w2", at(20))).orElseThrow();
    assertThat(second.lease().attempt()).isEqualTo(2);
    assertThat(second.lease().epoch()).isGreaterThan(first.lease().epoch());
    assertThat(second.run()).isEqualTo(run(runId(1)));
    assertThat(second.run().leaseOwner()).contains("w2");
    assertThat(second.run().attempt()).isEqualTo(2);
    assertThat(second.checkpoints()).containsExactly(a, b).isEqualTo(store().checkpoints(runId(1)));
  }
}
