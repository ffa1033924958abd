package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.EventTypes;
import dev.spool.RunStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run rules as a table of cases, without a store. */
class RunRulesTest {
  private static final Instant NOW = at(100);

  private static RunInfo run(RunStatus status, boolean cancelRequested, int recoveries) {
    return new RunInfo(
        "r1",
        "wf",
        "v1",
        status,
        "{}",
        Optional.empty(),
        Optional.empty(),
        at(1),
        Optional.of(at(2)),
        Optional.empty(),
        3,
        "d1",
        2,
        status == RunStatus.RUNNING ? Optional.of("w1") : Optional.empty(),
        Optional.of(at(50)),
        status == RunStatus.WAITING ? Optional.of(at(90)) : Optional.empty(),
        Optional.empty(),
        cancelRequested,
        recoveries);
  }

  @Test
  void claimable() {
    Optional<String> none = Optional.empty();
    Optional<String> w1 = Optional.of("w1");
    assertThat(RunRules.claimable(RunStatus.QUEUED, Optional.empty(), none, NOW, none)).isTrue();
    assertThat(RunRules.claimable(RunStatus.WAITING, Optional.of(NOW), none, NOW, none)).isTrue();
    assertThat(RunRules.claimable(RunStatus.WAITING, Optional.of(at(101)), none, NOW, none))
        .isFalse();
    assertThat(RunRules.claimable(RunStatus.WAITING, Optional.empty(), none, NOW, none)).isFalse();
    assertThat(RunRules.claimable(RunStatus.RUNNING, Optional.empty(), w1, NOW, none)).isFalse();
    assertThat(RunRules.claimable(RunStatus.RUNNING, Optional.empty(), w1, NOW, w1)).isTrue();
    assertThat(RunRules.claimable(RunStatus.RUNNING, Optional.empty(), w1, NOW, Optional.of("w2")))
        .isFalse();
    for (RunStatus done : new RunStatus[] {RunStatus.COMPLETED, RunStatus.FAILED}) {
      assertThat(RunRules.claimable(done, Optional.of(NOW), w1, NOW, w1)).isFalse();
    }
  }

  @Test
  void recoverRequeuesUntilTheLimitThenFails() {
    RunRules.Recovery requeue =
        RunRules.recover(run(RunStatus.RUNNING, false, 1), StoreEvents.LEASE_EXPIRED, 2, NOW);
    assertThat(requeue.recoveries()).isEqualTo(2);
    assertThat(requeue.transition().status()).isEqualTo(RunStatus.QUEUED);
    assertThat(requeue.events()).extracting(NewEvent::type).containsExactly("worker.lost");

    RunRules.Recovery fail =
        RunRules.recover(run(RunStatus.RUNNING, false, 2), StoreEvents.PROCESS_GONE, 2, NOW);
    assertThat(fail.recoveries()).isEqualTo(3);
    assertThat(fail.transition().status()).isEqualTo(RunStatus.FAILED);
    assertThat(fail.transition().error().orElseThrow()).contains(StoreEvents.RECOVERY_LIMIT);
    assertThat(fail.events())
        .extracting(NewEvent::type)
        .containsExactly("worker.lost", "run.failed");
    assertThat(fail.events().get(0).data()).contains(StoreEvents.PROCESS_GONE);
  }

  @Test
  void cancel() {
    for (RunStatus idle : new RunStatus[] {RunStatus.QUEUED, RunStatus.WAITING}) {
      RunRules.Cancel c = RunRules.cancel(run(idle, false, 0), "why", NOW);
      assertThat(c.event().orElseThrow().type()).isEqualTo(EventTypes.RUN_CANCELLED);
      assertThat(c.cancelled().orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(c.flag()).isFalse();
    }
    RunRules.Cancel flag = RunRules.cancel(run(RunStatus.RUNNING, false, 0), "why", NOW);
    assertThat(flag.event().orElseThrow().type()).isEqualTo(EventTypes.RUN_CANCEL_REQUESTED);
    assertThat(flag.event().get().data()).isEqualTo("{\"reason\":\"why\"}");
    assertThat(flag.cancelled()).isEmpty();
    assertThat(flag.flag()).isTrue();
    for (RunInfo left :
        new RunInfo[] {run(RunStatus.RUNNING, true, 0), run(RunStatus.COMPLETED, false, 0)}) {
      RunRules.Cancel c = RunRules.cancel(left, "why", NOW);
      assertThat(c.event()).isEmpty();
      assertThat(c.cancelled()).isEmpty();
      assertThat(c.flag()).isFalse();
    }
  }

  @Test
  void signal() {
    RunRules.Signal waiting = RunRules.signal(run(RunStatus.WAITING, false, 0), "go", "1", NOW);
    assertThat(waiting.event().orElseThrow().data()).isEqualTo("{\"name\":\"go\",\"value\":1}");
    assertThat(waiting.event().get().attempt()).isEqualTo(2);
    assertThat(waiting.resumeNow()).isTrue();
    assertThat(RunRules.signal(run(RunStatus.RUNNING, false, 0), "go", "1", NOW).resumeNow())
        .isFalse();
    assertThat(RunRules.signal(run(RunStatus.CANCELLED, false, 0), "go", "1", NOW).event())
        .isEmpty();
  }

  @Test
  void queuedIsTheFirstEventAtAttemptZero() {
    NewEvent e = RunRules.queued(StoreFixtures.newRun("r1", at(7)));
    assertThat(e).isEqualTo(new NewEvent(EventTypes.RUN_QUEUED, at(7), "", 0, "{}"));
  }
}
