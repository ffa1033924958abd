package dev.spool.store;

import static dev.spool.store.StoreFixtures.DEPLOYMENT;
import static dev.spool.store.StoreFixtures.TTL;
import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link RunRules} rule: the store is driven into each case of the rule, and what it
 * does (claims, state, events appended) must be what the rule says for the run as it was read just
 * before.
 */
public interface RunRulesContract extends StoreContract {

  @Test
  default void claimsTakeExactlyTheRunsTheClaimableRuleAllows() {
    createRuns(7);
    waitUntil(claim(runId(2), at(10)).orElseThrow(), at(50));
    waitUntil(claim(runId(3), at(10)).orElseThrow(), at(50));
    claim(runId(4), at(10));
    claim(runId(5), at(10));
    claim(runId(6), at(10));
    Lease done = claim(runId(7), at(10)).orElseThrow();
    store().commit(done, Commit.of(Transition.completed("1"), event("run.completed", at(11))));

    List<Boolean> expected = new ArrayList<>();
    List<Boolean> claimed = new ArrayList<>();
    record Case(int run, Instant now, Optional<String> takeOver) {}
    for (Case c :
        List.of(
            new Case(1, at(20), Optional.empty()),
            new Case(2, at(20), Optional.empty()),
            new Case(3, at(60), Optional.empty()),
            new Case(4, at(20), Optional.empty()),
            new Case(5, at(20), Optional.of("w2")),
            new Case(6, at(20), Optional.of("w1")),
            new Case(7, at(20), Optional.empty()))) {
      String id = runId(c.run());
      expected.add(RunRules.claimable(run(id), c.now(), c.takeOver()));
      ClaimRequest req = ClaimRequest.next("w9", DEPLOYMENT, c.now(), TTL).onlyRun(id);
      claimed.add(store().claim(c.takeOver().map(req::takingOverFrom).orElse(req)).isPresent());
    }
    assertThat(claimed).isEqualTo(expected);
    assertThat(expected)
        .as("queued; waiting, not due; due; running; other owner; dead owner; finished")
        .containsExactly(true, false, true, false, false, true, false);
  }

  @Test
  default void recoveryRequeuesOrFailsAsTheRecoverRuleSays() {
    createRuns(2);
    for (int max : new int[] {5, 0}) {
      String id = runId(max == 5 ? 1 : 2);
      claim(id, at(10));
      Instant now = at(10).plus(TTL).plusSeconds(1);
      RunInfo before = run(id);
      RunRules.Recovery rule = RunRules.recover(before, StoreEvents.LEASE_EXPIRED, max, now);

      RunInfo after = store().recoverExpired(id, now, max).orElseThrow();

      assertThat(after.status()).isEqualTo(rule.transition().status());
      assertThat(after.error()).isEqualTo(rule.transition().error());
      assertThat(after.recoveries()).isEqualTo(rule.recoveries());
      assertAppended(id, before, rule.events());
    }
    assertThat(run(runId(1)).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run(runId(2)).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  default void cancelRequestsDoWhatTheCancelRuleSays() {
    createRuns(5);
    waitUntil(claim(runId(2), at(10)).orElseThrow(), at(500));
    claim(runId(3), at(10));
    claim(runId(4), at(10));
    store().requestCancel(runId(4), "first", at(11));
    Lease done = claim(runId(5), at(10)).orElseThrow();
    store().commit(done, Commit.of(Transition.completed("1"), event("run.completed", at(11))));

    List<String> outcomes = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = runId(i);
      RunInfo before = run(id);
      RunRules.Cancel rule = RunRules.cancel(before, "stop", at(20));

      RunInfo after = store().requestCancel(id, "stop", at(20)).orElseThrow();

      assertThat(after.status())
          .isEqualTo(rule.cancelled().map(Transition::status).orElse(before.status()));
      assertThat(after.cancelRequested()).isEqualTo(before.cancelRequested() || rule.flag());
      rule.cancelled().ifPresent(t -> assertThat(after.error()).isEqualTo(t.error()));
      assertAppended(id, before, rule.event().stream().toList());
      outcomes.add(rule.cancelled().isPresent() ? "end" : rule.flag() ? "flag" : "none");
    }
    assertThat(outcomes)
        .as("queued, waiting, running, running already flagged, completed")
        .containsExactly("end", "end", "flag", "none", "none");
  }

  @Test
  default void signalsDoWhatTheSignalRuleSays() {
    createRuns(3);
    waitUntil(claim(runId(1), at(10)).orElseThrow(), at(5000));
    claim(runId(2), at(10));
    Lease done = claim(runId(3), at(10)).orElseThrow();
    store().commit(done, Commit.of(Transition.completed("1"), event("run.completed", at(11))));

    for (int i = 1; i <= 3; i++) {
      String id = runId(i);
      RunInfo before = run(id);
      RunRules.Signal rule = RunRules.signal(before, "go", "{\"n\":1}", at(20));

      SignalResult result = store().sendSignal(id, "go", "{\"n\":1}", at(20)).orElseThrow();

      assertThat(result.event().isPresent()).isEqualTo(rule.event().isPresent());
      assertThat(result.run().resumeAt())
          .isEqualTo(rule.resumeNow() ? Optional.of(at(20)) : before.resumeAt());
      assertThat(result.run().status()).isEqualTo(before.status());
      assertAppended(id, before, rule.event().stream().toList());
    }
    assertThat(run(runId(1)).resumeAt()).as("waiting: claimable now").contains(at(20));
  }

  @Test
  default void aNewRunStartsWithTheQueuedRulesEvent() {
    NewRun spec = newRun(runId(1), at(1));
    store().createRun(spec);
    assertThat(allEvents(spec.runId())).hasSize(1);
    assertSame(allEvents(spec.runId()).get(0), RunRules.queued(spec));
    assertThat(allEvents(spec.runId()).get(0).seq()).isEqualTo(1);
  }

  @Test
  default void retriesDoWhatTheRetryRuleSays() {
    createRuns(6);
    waitUntil(claim(runId(2), at(10)).orElseThrow(), at(500));
    claim(runId(3), at(10));
    Lease done = claim(runId(4), at(10)).orElseThrow();
    store().commit(done, Commit.of(Transition.completed("1"), event("run.completed", at(11))));
    Lease failed = claim(runId(5), at(10)).orElseThrow();
    store()
        .commit(
            failed,
            new Commit(
                List.of(event(EventTypes.RUN_FAILED, at(11))),
                List.of(
                    StoreFixtures.checkpoint("wf/a#0", 1, "1", at(11)),
                    new Checkpoint("wf/b#1", 2, Checkpoint.Kind.FAILED, "{}", at(11))),
                Optional.of(Transition.failed("{\"type\":\"Bug\"}"))));
    store().requestCancel(runId(6), "stop", at(11));

    List<Boolean> outcomes = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      String id = runId(i);
      RunInfo before = run(id);
      List<Checkpoint> checkpointsBefore = store().checkpoints(id);
      RunRules.Retry rule = RunRules.retry(before, "fixed", at(20));

      RetryResult result = store().retryRun(id, "fixed", at(20)).orElseThrow();

      assertThat(result.retried()).isEqualTo(rule.allowed());
      assertThat(result.run().status())
          .isEqualTo(rule.allowed() ? RunStatus.QUEUED : before.status());
      assertAppended(id, before, rule.event().stream().toList());
      List<Checkpoint> expected = new ArrayList<>(checkpointsBefore);
      if (rule.allowed()) {
        assertThat(result.run().error()).isEmpty();
        assertThat(result.run().finishedAt()).isEmpty();
        assertThat(result.run().recoveries()).isZero();
        assertThat(result.run().cancelRequested()).isFalse();
        expected.removeIf(c -> c.kind() == Checkpoint.Kind.FAILED);
        expected.addAll(RunRules.retried(checkpointsBefore));
        expected.sort(
            java.util.Comparator.comparing(Checkpoint::path).thenComparingInt(Checkpoint::attempt));
      }
      assertThat(store().checkpoints(id)).isEqualTo(expected);
      outcomes.add(rule.allowed());
    }
    assertThat(outcomes)
        .as("queued, waiting, running, completed, failed, cancelled")
        .containsExactly(false, false, false, false, true, true);
  }

  @Test
  default void aForkStartsWithTheCreatedRulesEventsAndItsSeed() {
    List<Checkpoint> seed =
        List.of(
            StoreFixtures.checkpoint("wf/a#0", 1, "\"x\"", at(1)),
            new Checkpoint("wf/b#1", 1, Checkpoint.Kind.ATTEMPT_FAILED, "{}", at(1)));
    NewRun spec = newRun(runId(2), at(2)).forkedFrom(new ForkSeed(runId(1), "wf/c#2", seed));

    store().createRun(spec);

    List<Event> events = allEvents(spec.runId());
    List<NewEvent> expected = RunRules.created(spec);
    assertThat(events).hasSameSizeAs(expected).hasSize(2);
    for (int i = 0; i < expected.size(); i++) {
      assertSame(events.get(i), expected.get(i));
    }
    assertThat(run(spec.runId()).lastSeq()).isEqualTo(2);
    assertThat(store().checkpoints(spec.runId())).isEqualTo(seed);
    Claim first =
        store()
            .claim(ClaimRequest.next("w1", DEPLOYMENT, at(3), TTL).onlyRun(spec.runId()))
            .orElseThrow();
    assertThat(first.lease().attempt()).isEqualTo(1);
    assertThat(first.checkpoints()).as("the first claim hands over the seed").isEqualTo(seed);
  }

  private Optional<Lease> claim(String id, Instant now) {
    return store()
        .claim(ClaimRequest.next("w1", DEPLOYMENT, now, TTL).onlyRun(id))
        .map(Claim::lease);
  }

  private void waitUntil(Lease lease, Instant resumeAt) {
    store()
        .commit(
            lease,
            Commit.of(Transition.waitingUntil(resumeAt), event(EventTypes.RUN_WAITING, at(11))));
  }

  /** The run's events after {@code before}'s last are exactly {@code expected}. */
  private void assertAppended(String id, RunInfo before, List<NewEvent> expected) {
    List<Event> all = allEvents(id);
    List<Event> added = all.subList((int) before.lastSeq(), all.size());
    assertThat(added).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertSame(added.get(i), expected.get(i));
      assertThat(added.get(i).seq()).isEqualTo(before.lastSeq() + i + 1);
    }
  }

  private static void assertSame(Event got, NewEvent want) {
    assertThat(got.type()).isEqualTo(want.type());
    assertThat(got.ts()).isEqualTo(want.ts());
    assertThat(got.path()).isEqualTo(want.path());
    assertThat(got.attempt()).isEqualTo(want.attempt());
    assertThat(got.data()).isEqualTo(want.data());
  }
}
