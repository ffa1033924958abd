package dev.spool.store;

import static dev.spool.store.StoreFixtures.TTL;
import static dev.spool.store.StoreFixtures.assertGapless;
import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RunStore} writes from outside a lease: the reaper's recovery, cancel requests, signals and
 * the worker's control poll.
 */
public interface ControlContract extends StoreContract {
  Instant EXPIRED = at(10).plus(TTL).plusSeconds(1);

  @Test
  default void recoverRequeuesAnExpiredRunWithWorkerLostAndFencesTheOldOwner() {
    Lease lease = createAndClaim("w1");

    assertThat(store().recoverExpired(lease.runId(), at(10).plus(TTL), 3))
        .as("not expired yet at its expiry")
        .isEmpty();
    RunInfo after = store().recoverExpired(lease.runId(), EXPIRED, 3).orElseThrow();

    assertThat(after.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(after.recoveries()).isEqualTo(1);
    assertThat(after.leaseOwner()).isEmpty();
    Event lost = allEvents(lease.runId()).get(1);
    assertThat(lost.seq()).isEqualTo(2);
    assertThat(lost.type()).isEqualTo(EventTypes.WORKER_LOST);
    assertThat(Json.tree(lost.data()).path("worker").asText()).isEqualTo("w1");
    assertThat(Json.tree(lost.data()).path("cause").asText()).isEqualTo("leaseExpired");
    assertThat(Json.tree(lost.data()).path("recovery").asInt()).isEqualTo(1);
    assertThat(Json.tree(lost.data()).path("requeued").asBoolean()).isTrue();
    assertThatThrownBy(() -> store().commit(lease, Commit.of(event("progress", EXPIRED))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store().recoverExpired(lease.runId(), EXPIRED, 3))
        .as("a second reaper finds nothing to do")
        .isEmpty();
    Lease next = store().claim(claimAt("w2", EXPIRED)).map(Claim::lease).orElseThrow();
    assertThat(next.attempt()).isEqualTo(2);
    assertThat(next.epoch()).isGreaterThan(lease.epoch());
  }

  @Test
  default void recoverFromDeadOwnerRequeuesItsRunBeforeTheLeaseExpiresAndNobodyElses() {
    createRuns(2);
    Lease dead = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease alive = store().claim(claimAt("w2", at(10))).map(Claim::lease).orElseThrow();

    assertThat(store().recoverFromDeadOwner(alive.runId(), "w1", at(11), 3)).isEmpty();
    RunInfo r = store().recoverFromDeadOwner(dead.runId(), "w1", at(11), 3).orElseThrow();

    assertThat(r.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(r.recoveries()).isEqualTo(1);
    assertThat(r.leaseOwner()).isEmpty();
    Event lost = allEvents(dead.runId()).get(1);
    assertThat(lost.type()).isEqualTo(EventTypes.WORKER_LOST);
    assertThat(Json.tree(lost.data()).path("cause").asText()).isEqualTo("processGone");
    assertThat(Json.tree(lost.data()).path("worker").asText()).isEqualTo("w1");
    assertThatThrownBy(() -> store().commit(dead, Commit.of(event("late", at(12)))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store().recoverFromDeadOwner(dead.runId(), "w1", at(12), 3))
        .as("requeued already: nothing left to do")
        .isEmpty();
    assertThat(run(alive.runId()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store().recoverFromDeadOwner("no-such-run", "w1", at(12), 3)).isEmpty();
    assertThat(store().claim(claimAt("w3", at(13))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(dead.runId());
  }

  @Test
  default void recoverLeavesRenewedAndUnleasedRunsAlone() {
    Lease lease = createAndClaim("w1");
    store().renew(lease, EXPIRED.plus(TTL));
    assertThat(store().recoverExpired(lease.runId(), EXPIRED, 3)).isEmpty();
    store().createRun(StoreFixtures.newRun(runId(2), at(2)));
    assertThat(store().recoverExpired(runId(2), EXPIRED, 3)).isEmpty();
    assertThat(store().recoverExpired("no-such-run", EXPIRED, 3)).isEmpty();
    assertThat(run(lease.runId()).status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  default void recoverFailsTheRunAfterTheLastAllowedRecovery() {
    String id = createRuns(1).get(0);
    Instant t = at(10);
    for (int i = 1; i <= 3; i++) {
      store().claim(claimAt("w" + i, t)).map(Claim::lease).orElseThrow();
      t = t.plus(TTL).plusSeconds(1);
      RunInfo r = store().recoverExpired(id, t, 2).orElseThrow();
      assertThat(r.recoveries()).isEqualTo(i);
      assertThat(r.status()).isEqualTo(i <= 2 ? RunStatus.QUEUED : RunStatus.FAILED);
    }
    RunInfo failed = run(id);
    assertThat(failed.error().orElseThrow()).contains(StoreEvents.RECOVERY_LIMIT);
    assertThat(failed.finishedAt()).contains(t);
    List<Event> events = allEvents(id);
    assertThat(events.get(events.size() - 1).type()).isEqualTo(EventTypes.RUN_FAILED);
    assertThat(events.get(events.size() - 2).type()).isEqualTo(EventTypes.WORKER_LOST);
    assertGapless(events, 5);
    assertThat(store().claim(claimAt("w9", t.plusSeconds(100))).map(Claim::lease)).isEmpty();
  }

  @Test
  default void cancellingAQueuedRunEndsItAtOnce() {
    String id = createRuns(1).get(0);
    RunInfo r = store().requestCancel(id, "not needed", at(5)).orElseThrow();

    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(r.finishedAt()).contains(at(5));
    assertThat(r.error().orElseThrow()).contains("not needed");
    Event last = allEvents(id).get(1);
    assertThat(last.type()).isEqualTo(EventTypes.RUN_CANCELLED);
    assertThat(last.isTerminal()).isTrue();
    assertThat(store().claim(claimAt("w1", at(10))).map(Claim::lease)).isEmpty();
    assertThat(store().requestCancel(id, "again", at(6)).orElseThrow().lastSeq())
        .as("cancelling a finished run writes nothing")
        .isEqualTo(2);
    assertThat(store().requestCancel("no-such-run", "x", at(6))).isEmpty();
  }

  @Test
  default void controlsListOnlyHeldRunsWithACancelOrASignalAndFollowATakeover() {
    createRuns(4);
    Lease quiet = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease cancelled = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease signalled = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    Lease finished = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();
    assertThat(store().controls("w1")).isEmpty();

    store().requestCancel(cancelled.runId(), "stop", at(11));
    long sig =
        store()
            .sendSignal(signalled.runId(), "go", "1", at(11))
            .orElseThrow()
            .event()
            .orElseThrow()
            .seq();
    store().sendSignal(finished.runId(), "go", "1", at(11));
    store().commit(finished, Commit.of(Transition.completed("1"), event("run.completed", at(12))));

    assertThat(store().controls("w1"))
        .containsExactlyInAnyOrder(
            new RunControl(cancelled.runId(), true, 0),
            new RunControl(signalled.runId(), false, sig));
    store()
        .claim(claimAt("w2", at(20)).onlyRun(signalled.runId()).takingOverFrom("w1"))
        .map(Claim::lease);
    store()
        .claim(claimAt("w2", at(20)).onlyRun(quiet.runId()).takingOverFrom("w1"))
        .map(Claim::lease);
    assertThat(store().controls("w1")).containsExactly(new RunControl(cancelled.runId(), true, 0));
    assertThat(store().controls("w2"))
        .containsExactly(new RunControl(signalled.runId(), false, sig));
  }

  @Test
  default void cancellingARunningRunFlagsItOnceForItsWorker() {
    Lease lease = createAndClaim("w1");

    RunInfo r = store().requestCancel(lease.runId(), "user pressed stop", at(11)).orElseThrow();
    store().requestCancel(lease.runId(), "twice", at(12));

    assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(r.cancelRequested()).isTrue();
    assertThat(store().controls("w1")).containsExactly(new RunControl(lease.runId(), true, 0));
    assertThat(store().controls("w2")).isEmpty();
    List<Event> events = allEvents(lease.runId());
    assertThat(events).extracting(Event::type).contains(EventTypes.RUN_CANCEL_REQUESTED);
    assertGapless(events, 2);
    assertThat(store().commit(lease, Commit.of(event("progress", at(13))))).isEqualTo(3);
  }

  @Test
  default void cancellingAWaitingRunEndsItWithoutAWorker() {
    Lease lease = createAndClaim("w1");
    store()
        .commit(
            lease,
            Commit.of(Transition.waitingUntil(at(1000)), event(EventTypes.RUN_WAITING, at(11))));
    RunInfo r = store().requestCancel(lease.runId(), "", at(12)).orElseThrow();
    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(r.resumeAt()).isEmpty();
    assertThat(store().claim(claimAt("w1", at(2000))).map(Claim::lease)).isEmpty();
  }

  @Test
  default void signalIsAppendedAndReportedToTheWorkerHoldingTheRun() {
    Lease lease = createAndClaim("w1");

    SignalResult s =
        store().sendSignal(lease.runId(), "approve", "{\"ok\":true}", at(11)).orElseThrow();

    assertThat(s.delivered()).isTrue();
    Event e = s.event().orElseThrow();
    assertThat(e.seq()).isEqualTo(2);
    assertThat(e.type()).isEqualTo(EventTypes.SIGNAL_RECEIVED);
    assertThat(Json.tree(e.data()).path("name").asText()).isEqualTo("approve");
    assertThat(Json.tree(e.data()).path("value").path("ok").asBoolean()).isTrue();
    assertThat(allEvents(lease.runId()).get(1)).isEqualTo(e);
    assertThat(store().controls("w1")).containsExactly(new RunControl(lease.runId(), false, 2));
  }

  @Test
  default void signalWakesAWaitingRunAndIsKeptForAQueuedOne() {
    Lease lease = createAndClaim("w1");
    store()
        .commit(
            lease,
            Commit.of(Transition.waitingUntil(at(1000)), event(EventTypes.RUN_WAITING, at(11))));
    assertThat(store().claim(claimAt("w2", at(20))).map(Claim::lease)).isEmpty();

    store().sendSignal(lease.runId(), "go", "1", at(20));

    assertThat(run(lease.runId()).resumeAt()).contains(at(20));
    assertThat(store().claim(claimAt("w2", at(20))).map(Claim::lease).orElseThrow().runId())
        .isEqualTo(lease.runId());

    store().createRun(StoreFixtures.newRun(runId(2), at(2)));
    SignalResult queued = store().sendSignal(runId(2), "go", "\"early\"", at(21)).orElseThrow();
    assertThat(queued.delivered()).isTrue();
    assertThat(queued.run().status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  default void signalToAFinishedOrMissingRunWritesNothing() {
    String id = createRuns(1).get(0);
    store().requestCancel(id, "", at(2));
    SignalResult s = store().sendSignal(id, "go", "{}", at(3)).orElseThrow();
    assertThat(s.delivered()).isFalse();
    assertThat(s.run().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run(id).lastSeq()).isEqualTo(2);
    assertThat(store().sendSignal("no-such-run", "go", "{}", at(3))).isEmpty();
  }

  @Test
  default void suspendingForASignalThatAlreadyArrivedLeavesTheRunClaimableAtOnce() {
    Lease lease = createAndClaim("w1");
    long seen = run(lease.runId()).lastSeq();
    store().sendSignal(lease.runId(), "go", "{}", at(11)); // arrives while the worker suspends

    store()
        .commit(
            lease,
            Commit.of(
                Transition.waitingForSignal(at(5000), seen),
                event(EventTypes.RUN_WAITING, at(12))));

    assertThat(run(lease.runId()).status()).isEqualTo(RunStatus.WAITING);
    assertThat(run(lease.runId()).resumeAt()).contains(at(12));
    assertThat(store().claim(claimAt("w2", at(13))).map(Claim::lease)).isPresent();
  }

  @Test
  default void suspendingForASignalAlreadySeenWaitsForTheTimeout() {
    Lease lease = createAndClaim("w1");
    long seq =
        store().sendSignal(lease.runId(), "go", "{}", at(11)).orElseThrow().event().get().seq();

    store()
        .commit(
            lease,
            Commit.of(
                Transition.waitingForSignal(at(5000), seq), event(EventTypes.RUN_WAITING, at(12))));

    assertThat(run(lease.runId()).resumeAt()).contains(at(5000));
    assertThat(store().claim(claimAt("w2", at(13))).map(Claim::lease)).isEmpty();
  }

  @Test
  default void aRetriedRunIsClaimedAgainWithANewAttemptItsCheckpointsAndItsFailedStepsMarked() {
    Lease lease = createAndClaim("w1");
    String id = lease.runId();
    store()
        .commit(
            lease,
            new Commit(
                List.of(event(EventTypes.RUN_FAILED, at(12))),
                List.of(
                    StoreFixtures.checkpoint("wf/a#0", 1, "1", at(11)),
                    new Checkpoint("wf/b#1", 1, Checkpoint.Kind.ATTEMPT_FAILED, "{}", at(11)),
                    new Checkpoint("wf/b#1", 2, Checkpoint.Kind.FAILED, "{}", at(12))),
                java.util.Optional.of(Transition.failed("{\"type\":\"Bug\"}"))));

    RetryResult retried = store().retryRun(id, "", at(20)).orElseThrow();

    assertThat(retried.retried()).isTrue();
    assertThat(store().listRuns(RunQuery.latest(10).withStatus(RunStatus.FAILED))).isEmpty();
    assertThat(store().listRuns(RunQuery.latest(10).withStatus(RunStatus.QUEUED)))
        .extracting(RunInfo::runId)
        .containsExactly(id);
    Event event = allEvents(id).get(allEvents(id).size() - 1);
    assertThat(event.type()).isEqualTo(EventTypes.RUN_RETRIED);
    assertThat(Json.tree(event.data()).path("previousStatus").asText()).isEqualTo("failed");
    Claim again = store().claim(claimAt("w2", at(21))).orElseThrow();
    assertThat(again.run().runId()).isEqualTo(id);
    assertThat(again.lease().attempt()).isEqualTo(2);
    assertThat(again.checkpoints())
        .extracting(Checkpoint::path, Checkpoint::attempt, Checkpoint::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wf/a#0", 1, Checkpoint.Kind.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("wf/b#1", 1, Checkpoint.Kind.ATTEMPT_FAILED),
            org.assertj.core.groups.Tuple.tuple("wf/b#1", 2, Checkpoint.Kind.RETRIED));
    assertThatThrownBy(() -> store().commit(lease, Commit.of(event("progress", at(22)))))
        .as("the old lease stays fenced out")
        .isInstanceOf(LeaseLostException.class);
    store()
        .commit(
            again.lease(), Commit.of(Transition.completed("2"), event("run.completed", at(23))));
    assertThat(run(id).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(store().retryRun("no-such-run", "", at(24))).isEmpty();
  }
}
